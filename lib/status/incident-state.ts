import { ACTIVE_MAINTENANCE_STATUSES, UNRESOLVED_INCIDENT_STATUSES, UPDATE_STATUS_LABELS, type IncidentStatus, type MaintenanceStatus } from '../schemas/status.ts';

type HasStatus = { status: string };

export const isUnresolvedIncident = (incident: HasStatus) => UNRESOLVED_INCIDENT_STATUSES.includes(incident.status as IncidentStatus);
export const isActiveMaintenance = (maintenance: HasStatus) => ACTIVE_MAINTENANCE_STATUSES.includes(maintenance.status as MaintenanceStatus);
export const isUpcomingMaintenance = (maintenance: HasStatus) => maintenance.status === 'scheduled';

/** An update's status in words; the update that called a maintenance off reads "Cancelled", not "Completed". */
export function timelineStatusLabel(update: { status: IncidentStatus | MaintenanceStatus; displayAt: string }, cancelledAt?: string | null) {
  return cancelledAt && update.status === 'completed' && update.displayAt === cancelledAt ? 'Cancelled' : UPDATE_STATUS_LABELS[update.status];
}
