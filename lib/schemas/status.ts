import { z } from 'zod';

/** The status vocabulary of Statuspage's API, used by the database, the API and the forms. */
export const componentStatusSchema = z.enum([
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
]);
export type ComponentStatus = z.infer<typeof componentStatusSchema>;

export const incidentStatusSchema = z.enum(['investigating', 'identified', 'monitoring', 'resolved', 'postmortem']);
export type IncidentStatus = z.infer<typeof incidentStatusSchema>;

export const maintenanceStatusSchema = z.enum(['scheduled', 'in_progress', 'verifying', 'completed']);
export type MaintenanceStatus = z.infer<typeof maintenanceStatusSchema>;

export const impactSchema = z.enum(['none', 'minor', 'major', 'critical', 'maintenance']);
export type Impact = z.infer<typeof impactSchema>;

export const indicatorSchema = z.enum(['none', 'minor', 'major', 'critical', 'maintenance']);
export type Indicator = z.infer<typeof indicatorSchema>;

export const incidentKindSchema = z.enum(['incident', 'maintenance']);
export type IncidentKind = z.infer<typeof incidentKindSchema>;

/** Resolved or with a postmortem: over. */
export const isClosedIncidentStatus = (status: string) => status === 'resolved' || status === 'postmortem';
/** An incident or a maintenance that is over: resolved, postmortem, completed. */
export const isClosedStatus = (status: string) => isClosedIncidentStatus(status) || status === 'completed';

export const UNRESOLVED_INCIDENT_STATUSES: readonly IncidentStatus[] = ['investigating', 'identified', 'monitoring'];
export const ACTIVE_MAINTENANCE_STATUSES: readonly MaintenanceStatus[] = ['in_progress', 'verifying'];

export const COMPONENT_STATUS_LABELS: Record<ComponentStatus, string> = {
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
};

export const UPDATE_STATUS_LABELS: Record<IncidentStatus | MaintenanceStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem: 'Postmortem',
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
};

export const IMPACT_LABELS: Record<Impact, string> = { none: 'None', minor: 'Minor', major: 'Major', critical: 'Critical', maintenance: 'Maintenance' };

/** A status as the audit log and messages say it; one not in the list (an old row) as stored. */
export const updateStatusLabel = (status: string) => UPDATE_STATUS_LABELS[status as IncidentStatus] ?? status;
export const componentStatusLabel = (status: string) => COMPONENT_STATUS_LABELS[status as ComponentStatus] ?? status;

/** "Investigating → Identified", or "Identified" when it stays. */
export const statusChangeInWords = (from: string, to: string) => (from === to ? updateStatusLabel(to) : `${updateStatusLabel(from)} → ${updateStatusLabel(to)}`);

/** An incident's impact in a sentence: "no impact", "major impact". */
export const IMPACT_WORDS: Record<Impact, string> = {
  none: 'no impact',
  minor: 'minor impact',
  major: 'major impact',
  critical: 'critical impact',
  maintenance: 'maintenance',
};

/** For <select>s: each component status with its words. */
export const COMPONENT_STATUS_OPTIONS = componentStatusSchema.options.map((status) => ({ value: status, label: COMPONENT_STATUS_LABELS[status] }));

/** For <select>s: the impacts an operator picks for an incident (maintenance has its own). */
export const INCIDENT_IMPACT_OPTIONS = impactSchema.options
  .filter((impact) => impact !== 'maintenance')
  .map((impact) => ({ value: impact, label: IMPACT_LABELS[impact] }));
