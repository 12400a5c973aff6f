import { describeOperators } from './operators.shared';

describeOperators('sqlite');
