import { recordAudit } from '../audit/audit-log.ts';
import { requirePermission, SYSTEM_ACTOR, type Actor } from '../access/permissions.ts';
import { loadComponents } from '../components/apply-statuses.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { errorLine, log } from '../log.ts';
import { CANCELLED_MESSAGE, DEFAULT_MESSAGES } from '../incidents/default-messages.ts';
import { postIncidentUpdate } from '../incidents/post-update.ts';
import { pageTimeZone } from '../page/page-settings.ts';
import { visibleWrite } from '../db/writes.ts';
import { maintenanceCancelSchema, maintenanceCreateSchema, type MaintenanceCancelInput, type MaintenanceCreateInput } from '../schemas/incident.ts';
import { formatDateTime } from '../time.ts';
import { enqueueIncidentNotifications, enqueueMaintenanceReminder } from '../notifications/enqueue.ts';

/** Announces a maintenance window; components change only when it starts. */
export async function createMaintenance(db: Db, input: MaintenanceCreateInput, actor: Actor) {
  requirePermission(actor, 'incidents.write');
  const data = maintenanceCreateSchema.parse(input);
  const id = newId();
  const updateId = newId();
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
        updates: { create: { id: updateId, status: 'scheduled', body: data.body, displayAt: now, deliverNotifications: data.deliverNotifications } },
      },
    });
    await enqueueIncidentNotifications(tx, id, updateId);
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
 * Calls a maintenance off (scheduled or in progress): it leaves the calendar and the upcoming list,
 * its history says it was cancelled, and components it put under maintenance come back.
 */
export async function cancelMaintenance(db: Db, maintenanceId: string, input: MaintenanceCancelInput, actor: Actor) {
  requirePermission(actor, 'incidents.write');
  const data = maintenanceCancelSchema.parse(input);
  return postIncidentUpdate(
    db,
    maintenanceId,
    { status: 'completed', body: data.body ?? CANCELLED_MESSAGE, expectedVersion: data.expectedVersion, deliverNotifications: data.deliverNotifications },
    actor,
    { cancel: true },
  );
}

/**
 * Starts and completes maintenance windows whose time has come (unless turned off for one):
 * components go under maintenance at the start and back at the end (see statuses-after-close.ts). Run on a timer;
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
    include: { components: { select: { componentId: true } }, updates: { orderBy: { displayAt: 'asc' }, take: 1, select: { deliverNotifications: true } } },
  });
  const done: string[] = [];
  for (const maintenance of due) {
    const ending = maintenance.scheduledAutoCompleted && maintenance.scheduledUntil !== null && maintenance.scheduledUntil <= now;
    const status = ending ? 'completed' : 'in_progress';
    try {
      // Ending, the update names no component: closing brings them back.
      const components = ending ? {} : Object.fromEntries(maintenance.components.map((link) => [link.componentId, 'under_maintenance' as const]));
      await postIncidentUpdate(db, maintenance.id, {
        status,
        body: DEFAULT_MESSAGES[status],
        components,
        expectedVersion: maintenance.version,
        displayAt: now,
        // A deploy window ends as quietly as it started, unless its start told subscribers.
        deliverNotifications: maintenance.deploy ? (maintenance.updates[0]?.deliverNotifications ?? false) : true,
      }, SYSTEM_ACTOR);
      done.push(`${maintenance.id}:${status}`);
    } catch (error) {
      // Another instance got there first, or an operator just changed it: nothing to do. Anything
      // else is logged, and the other windows still move.
      if (!(error instanceof AppError && (error.status === 409 || error.status === 422))) {
        log('error', 'could not move a scheduled maintenance', { id: maintenance.id, error: errorLine(error) });
      }
    }
  }
  return done;
}

/** Subscribers are reminded this long before a maintenance starts, */
export const REMIND_BEFORE_MS = 3600_000;
/** of one announced at least this long before its start (one announced later was news recently enough). */
const REMIND_IF_ANNOUNCED_BEFORE_MS = 2 * REMIND_BEFORE_MS;

/**
 * Reminds subscribers of maintenance starting within the hour, once per window (a moved start is
 * reminded of again), for windows whose announcement went to subscribers. Marking and telling are one
 * transaction, and the mark is taken only if nobody took it first: one reminder across instances.
 */
export async function remindOfMaintenance(db: Db, now = new Date()): Promise<string[]> {
  const due = await db.incident.findMany({
    where: {
      kind: 'maintenance',
      status: 'scheduled',
      reminderSentAt: null,
      scheduledFor: { gt: now, lte: new Date(now.getTime() + REMIND_BEFORE_MS) },
      createdAt: { lte: new Date(now.getTime() - REMIND_IF_ANNOUNCED_BEFORE_MS + REMIND_BEFORE_MS) },
      updates: { some: { deliverNotifications: true } },
    },
    select: { id: true, scheduledFor: true, createdAt: true },
  });
  const reminded: string[] = [];
  for (const maintenance of due) {
    if (maintenance.scheduledFor!.getTime() - maintenance.createdAt.getTime() < REMIND_IF_ANNOUNCED_BEFORE_MS) continue;
    await db.$transaction(async (tx) => {
      const { count } = await tx.incident.updateMany({ where: { id: maintenance.id, reminderSentAt: null, status: 'scheduled' }, data: { reminderSentAt: now } });
      if (count) {
        await enqueueMaintenanceReminder(tx, maintenance.id, now);
        reminded.push(maintenance.id);
      }
    });
  }
  return reminded;
}
