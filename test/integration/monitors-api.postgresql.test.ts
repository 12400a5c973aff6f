import { describeMonitorsApi } from './monitors-api.shared';

describeMonitorsApi('postgresql');
