import { describeEmailNotifications } from './email-notifications.shared';

describeEmailNotifications('sqlite');
