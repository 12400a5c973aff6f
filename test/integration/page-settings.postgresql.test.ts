import { describePageSettings } from './page-settings.shared';

describePageSettings('postgresql');
