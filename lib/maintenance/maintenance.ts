import { recordAudit, SYSTEM_ACTOR, type Actor } from '../audit/audit-log.ts';
import { loadComponents } from '../components/apply-statuses.ts';
import type { Db } from '../db.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { log } from '../log.ts';
import { postIncidentUpdate } from '../incidents/post-update.ts';
import { pageTimeZone } from '../page/page-settings.ts';
import { visibleWrite } from '../read-path/changes.ts';
import { maintenanceCreateSchema, type MaintenanceCreateInput } from '../schemas/incident.ts';
import { ACTIVE_MAINTENANCE_STATUSES, UNRESOLVED_INCIDENT_STATUSES, type ComponentStatus } from '../schemas/status.ts';
import { formatDateTime } from '../time.ts';

/** Announces a maintenance window; components change only when it starts. */
export async function createMaintenance(db: Db, input: MaintenanceCreateInput, actor: Actor = SYSTEM_ACTOR) {
  const data = maintenanceCreateSchema.parse(input);
  const id = newId();
  const now = new Date();
  await visibleWrite(db, async (tx) => {
    const components = await loadComponents(tx, data.componentIds);
    await tx.incident.create({
      data: {
        id,
        kind: 'maintenance',
        name: data.name,
        status: 'scheduled',
        impact: 'maintenance',
        startedAt: now,
        scheduledFor: data.scheduledFor,
        scheduledUntil: data.scheduledUntil,
        scheduledAutoInProgress: data.autoInProgress,
        scheduledAutoCompleted: data.autoCompleted,
        components: { create: components.map((component) => ({ componentId: component.id })) },
        updates: { create: { id: newId(), status: 'scheduled', body: data.body, displayAt: now, deliverNotifications: data.deliverNotifications } },
      },
    });
    // The window in the page's zone, named, as the admin shows times.
    const timeZone = await pageTimeZone(tx);
    await recordAudit(tx, actor, {
      action: 'maintenance.create',
      targetType: 'incident',
      targetId: id,
      summary: `Scheduled "${data.name}" from ${formatDateTime(data.scheduledFor, timeZone)} to ${formatDateTime(data.scheduledUntil, timeZone)}`,
    });
  });
  return db.incident.findUniqueOrThrow({ where: { id }, include: { updates: true } });
}

/**
 * What a maintenance's components go back to when it ends. Only those still under maintenance move:
 * one another window in progress also holds stays under maintenance; one an open incident also
 * affects gets the status it had when this window started; the rest become operational.
 */
async function statusesAfterMaintenance(db: Db, maintenanceId: string, componentIds: string[]): Promise<Record<string, ComponentStatus>> {
  const heldBy = (incident: object) =>
    db.incidentComponent.findMany({ where: { componentId: { in: componentIds }, incidentId: { not: maintenanceId }, incident }, select: { componentId: true } });
  const [components, otherWindows, openIncidents, atStart] = await Promise.all([
    db.component.findMany({ where: { id: { in: componentIds } }, select: { id: true, status: true } }),
    heldBy({ kind: 'maintenance', status: { in: [...ACTIVE_MAINTENANCE_STATUSES] } }),
    heldBy({ kind: 'incident', status: { in: [...UNRESOLVED_INCIDENT_STATUSES] } }),
    // The first in-progress update is the start; a later one would record "under maintenance" as before.
    db.incidentUpdateComponent.findMany({
      where: { componentId: { in: componentIds }, update: { incidentId: maintenanceId, status: 'in_progress' } },
      orderBy: { update: { displayAt: 'asc' } },
      select: { componentId: true, oldStatus: true },
    }),
  ]);
  const holds = (links: { componentId: string }[], id: string) => links.some((link) => link.componentId === id);
  const statuses: Record<string, ComponentStatus> = {};
  for (const component of components) {
    // Changed by an operator during the window (an outage, say): theirs to change back.
    if (component.status !== 'under_maintenance' || holds(otherWindows, component.id)) continue;
    const before = atStart.find((record) => record.componentId === component.id)?.oldStatus as ComponentStatus | undefined;
    statuses[component.id] = holds(openIncidents, component.id) && before && before !== 'under_maintenance' ? before : 'operational';
  }
  return statuses;
}

const STARTED = 'Scheduled maintenance is in progress. We will provide updates as necessary.';
const COMPLETED = 'The scheduled maintenance has been completed.';

/**
 * Starts and completes maintenance windows whose time has come (unless turned off for one):
 * components go under maintenance at the start and back at the end (see statusesAfterMaintenance). Run on a timer;
 * safe to run from several instances (a stale write is refused and skipped). Returns what it did.
 */
export async function runMaintenanceSchedule(db: Db, now = new Date()): Promise<string[]> {
  const due = await db.incident.findMany({
    where: {
      kind: 'maintenance',
      OR: [
        { status: 'scheduled', scheduledAutoInProgress: true, scheduledFor: { lte: now } },
        { status: { in: ['scheduled', 'in_progress', 'verifying'] }, scheduledAutoCompleted: true, scheduledUntil: { lte: now } },
      ],
    },
    include: { components: { select: { componentId: true } } },
  });
  const done: string[] = [];
  for (const maintenance of due) {
    const ending = maintenance.scheduledAutoCompleted && maintenance.scheduledUntil !== null && maintenance.scheduledUntil <= now;
    const status = ending ? 'completed' : 'in_progress';
    try {
      const components = ending
        ? await statusesAfterMaintenance(db, maintenance.id, maintenance.components.map((link) => link.componentId))
        : Object.fromEntries(maintenance.components.map((link) => [link.componentId, 'under_maintenance' as const]));
      await postIncidentUpdate(db, maintenance.id, {
        status,
        body: ending ? COMPLETED : STARTED,
        components,
        expectedVersion: maintenance.version,
        displayAt: now,
      });
      done.push(`${maintenance.id}:${status}`);
    } catch (error) {
      // Another instance got there first, or an operator just changed it: nothing to do. Anything
      // else is logged, and the other windows still move.
      if (!(error instanceof AppError && (error.status === 409 || error.status === 422))) {
        log('error', 'could not move a scheduled maintenance', { id: maintenance.id, error: String(error).split('\n')[0] });
      }
    }
  }
  return done;
}
