// When an incident is resolved or a maintenance ends, its components go back to normal unless the
// operator says otherwise: the one rule for the admin UI (what its form preselects), the admin API
// and the maintenance schedule.
import type { Db, Tx } from '../db/client.ts';
import { ACTIVE_MAINTENANCE_STATUSES, UNRESOLVED_INCIDENT_STATUSES, type ComponentStatus } from '../schemas/status.ts';

const OPEN_INCIDENT = { kind: 'incident', status: { in: [...UNRESOLVED_INCIDENT_STATUSES] } };
const WINDOW_IN_PROGRESS = { kind: 'maintenance', status: { in: [...ACTIVE_MAINTENANCE_STATUSES] } };

/** Of `componentIds`, those an incident matching `where` affects (other than `exceptId`). */
async function heldBy(db: Db | Tx, componentIds: string[], where: object, exceptId?: string) {
  const links = await db.incidentComponent.findMany({
    where: { componentId: { in: componentIds }, ...(exceptId && { incidentId: { not: exceptId } }), incident: where },
    select: { componentId: true },
  });
  return new Set(links.map((link) => link.componentId));
}

/** Of `componentIds`, those an open incident or a maintenance in progress affects. */
export const heldByOpenIncidentOrWindow = (db: Db | Tx, componentIds: string[]) => heldBy(db, componentIds, { OR: [OPEN_INCIDENT, WINDOW_IN_PROGRESS] });

/**
 * The status each affected component goes to when `incident` closes, for those not in `leave` (the
 * ones the closing update names, or keeps as they are). Only components still marked by it move:
 * - after an incident, any component not operational goes back to operational, unless another open
 *   incident also affects it or it is under maintenance (those are someone else's to change back);
 * - after a maintenance, a component still under maintenance goes back to operational, unless another
 *   window in progress holds it; one an open incident also affects gets the status it had when this
 *   window started. A component changed by hand during the window is the operator's to change back.
 */
export async function statusesAfterClose(
  db: Db | Tx,
  incident: { id: string; kind: string },
  leave: Iterable<string> = [],
): Promise<Record<string, ComponentStatus>> {
  const left = new Set(leave);
  const links = await db.incidentComponent.findMany({ where: { incidentId: incident.id }, select: { componentId: true } });
  const componentIds = links.map((link) => link.componentId).filter((id) => !left.has(id));
  if (!componentIds.length) return {};
  const [components, otherWindows, openIncidents] = await Promise.all([
    db.component.findMany({ where: { id: { in: componentIds } }, select: { id: true, status: true } }),
    heldBy(db, componentIds, WINDOW_IN_PROGRESS, incident.id),
    heldBy(db, componentIds, OPEN_INCIDENT, incident.id),
  ]);
  const statuses: Record<string, ComponentStatus> = {};
  if (incident.kind === 'incident') {
    for (const component of components) {
      if (component.status === 'operational' || component.status === 'under_maintenance') continue;
      if (openIncidents.has(component.id)) continue;
      statuses[component.id] = 'operational';
    }
    return statuses;
  }
  // The first in-progress update is the start; a later one would record "under maintenance" as before.
  const [atStart, latest] = await Promise.all([
    db.incidentUpdateComponent.findMany({
      where: { componentId: { in: componentIds }, update: { incidentId: incident.id, status: 'in_progress' } },
      orderBy: { update: { displayAt: 'asc' } },
      select: { componentId: true, oldStatus: true },
    }),
    Promise.all(componentIds.map((componentId) => db.componentStatusChange.findFirst({ where: { componentId }, orderBy: { at: 'desc' }, select: { componentId: true, incidentId: true } }))),
  ]);
  // Held by this window: its start recorded the component, or its own history row is the newest. A
  // component an operator put under maintenance by hand, in a window that never started, is theirs.
  const markedByThis = (id: string) =>
    atStart.some((record) => record.componentId === id) || latest.find((change) => change?.componentId === id)?.incidentId === incident.id;
  for (const component of components) {
    if (component.status !== 'under_maintenance' || otherWindows.has(component.id) || !markedByThis(component.id)) continue;
    const before = atStart.find((record) => record.componentId === component.id)?.oldStatus as ComponentStatus | undefined;
    statuses[component.id] = openIncidents.has(component.id) && before && before !== 'under_maintenance' ? before : 'operational';
  }
  return statuses;
}
