import { describeIncidentRecord } from './incident-record.shared';

describeIncidentRecord('sqlite');
