import { ACTIVE_MAINTENANCE_STATUSES, UNRESOLVED_INCIDENT_STATUSES, type IncidentStatus, type MaintenanceStatus } from '../schemas/status.ts';

type HasStatus = { status: string };

export const isUnresolvedIncident = (incident: HasStatus) => UNRESOLVED_INCIDENT_STATUSES.includes(incident.status as IncidentStatus);
export const isActiveMaintenance = (maintenance: HasStatus) => ACTIVE_MAINTENANCE_STATUSES.includes(maintenance.status as MaintenanceStatus);
export const isUpcomingMaintenance = (maintenance: HasStatus) => maintenance.status === 'scheduled';
