import { describeComponentsApi } from './components-api.shared';

describeComponentsApi('sqlite');
