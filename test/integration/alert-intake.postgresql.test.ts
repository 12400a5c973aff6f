import { describeAlertIntake } from './alert-intake.shared';

describeAlertIntake('postgresql');
