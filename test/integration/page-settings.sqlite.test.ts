import { describePageSettings } from './page-settings.shared';

describePageSettings('sqlite');
