import { describeOperators } from './operators.shared';

describeOperators('postgresql');
