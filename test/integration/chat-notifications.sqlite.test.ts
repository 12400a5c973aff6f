import { describeChatNotifications } from './chat-notifications.shared';

describeChatNotifications('sqlite');
