import { describeMonitorsApi } from './monitors-api.shared';

describeMonitorsApi('sqlite');
