import { describeNotifications } from './notifications.shared';

describeNotifications('postgresql');
