import type { IncidentStatus, MaintenanceStatus } from '../schemas/status.ts';

/**
 * What an update says when the caller gave no message: Statuspage's standard wording, for API
 * clients that change a status without one (the admin forms ask for a message) and for the
 * maintenance schedule.
 */
export const DEFAULT_MESSAGES: Record<IncidentStatus | MaintenanceStatus, string> = {
  investigating: 'We are currently investigating this issue.',
  identified: 'The issue has been identified and a fix is being implemented.',
  monitoring: 'A fix has been implemented and we are monitoring the results.',
  resolved: 'This incident has been resolved.',
  postmortem: 'A postmortem of this incident has been published.',
  scheduled: 'This maintenance is scheduled.',
  in_progress: 'Scheduled maintenance is in progress. We will provide updates as necessary.',
  verifying: 'Verification is currently underway for the maintenance items.',
  completed: 'The scheduled maintenance has been completed.',
};

export const CANCELLED_MESSAGE = 'This scheduled maintenance has been cancelled.';
