import { formatDuration } from '../time.ts';
import { isActiveMaintenance, isUnresolvedIncident } from './incident-state.ts';
import type { Snapshot, SnapshotIncident } from './snapshot-types.ts';

export function findIncident(snapshot: Snapshot, id: string): SnapshotIncident | undefined {
  return snapshot.incidents.find((incident) => incident.id === id) ?? snapshot.maintenances.find((maintenance) => maintenance.id === id);
}

/**
 * "Lasted 2h 15m" once resolved. Ongoing ones say nothing here: the page is cached per change,
 * so a running clock would be wrong a minute later; the start time says it honestly.
 */
export function incidentDuration(incident: SnapshotIncident): string | null {
  if (incident.status === 'scheduled') return null;
  if (isUnresolvedIncident(incident) || isActiveMaintenance(incident)) return 'Ongoing';
  const end = incident.resolvedAt ?? incident.scheduledUntil;
  const start = incident.kind === 'maintenance' ? (incident.scheduledFor ?? incident.startedAt) : incident.startedAt;
  if (!end) return null;
  return `Lasted ${formatDuration(new Date(end).getTime() - new Date(start).getTime())}`;
}
