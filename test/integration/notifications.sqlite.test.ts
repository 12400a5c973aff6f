import { describeNotifications } from './notifications.shared';

describeNotifications('sqlite');
