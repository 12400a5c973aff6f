import { describeEmailNotifications } from './email-notifications.shared';

describeEmailNotifications('postgresql');
