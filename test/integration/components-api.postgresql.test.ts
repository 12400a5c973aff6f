import { describeComponentsApi } from './components-api.shared';

describeComponentsApi('postgresql');
