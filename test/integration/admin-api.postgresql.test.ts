import { describeAdminApi } from './admin-api.shared';

describeAdminApi('postgresql');
