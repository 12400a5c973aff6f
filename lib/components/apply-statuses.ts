import type { Tx } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { ComponentStatus } from '../schemas/status.ts';
import { enqueueComponentNotifications, type ComponentChange } from '../notifications/enqueue.ts';

/** Inside a write's transaction: the named components, in id order, or a 404 naming the missing ones. */
export async function loadComponents(tx: Tx, ids: Iterable<string>) {
  // Sorted, so two writers lock rows in the same order and cannot deadlock.
  const sorted = [...new Set(ids)].sort();
  const components = await tx.component.findMany({ where: { id: { in: sorted } }, orderBy: { id: 'asc' } });
  const missing = sorted.filter((id) => !components.some((component) => component.id === id));
  if (missing.length) {
    const what = missing.length === 1 ? 'A component it names does not exist' : `${missing.length} components it names do not exist`;
    throw new AppError('not_found', `${what}; it may have been deleted. Reload and choose again.`, missing.map((id) => ({ component: id })));
  }
  return components;
}

/**
 * Inside a write's transaction: takes the named components' row locks, in id order (so two writers
 * cannot deadlock). A rule read after it (who else holds a component, what its history ends with)
 * then sees any write to those components that committed meanwhile.
 */
export async function lockComponents(tx: Tx, ids: Iterable<string>) {
  for (const id of [...new Set(ids)].sort()) await tx.$executeRaw`UPDATE "Component" SET "status" = "status" WHERE "id" = ${id}`;
}

/**
 * Inside a write's transaction: loads the affected components (those in `statuses`, and `alsoAffected`
 * which keep their status), sets each given one to its new status and records the change in the
 * history uptime is computed from, under the incident that made it (if any). Returns the components
 * as they were before, for the update's old → new record. A status `byPerson` (an operator, an API
 * key) is theirs: monitors no longer count it as one they set (lib/monitors/status-rule.ts).
 */
export async function applyComponentStatuses(
  tx: Tx,
  statuses: Record<string, ComponentStatus>,
  at: Date,
  alsoAffected: string[] = [],
  incidentId: string | null = null,
  byPerson = false,
  /** The incident's update tells subscribers (its "Notify subscribers"): people then hear of the changes there, once. */
  updateNotifies = incidentId !== null,
) {
  const components = await loadComponents(tx, [...alsoAffected, ...Object.keys(statuses)]);
  const changes: ComponentChange[] = [];
  for (const component of components) {
    const status = statuses[component.id];
    if (!status) continue;
    // Conditional on the row as it is when locked (not as read above): a concurrent write that
    // changed it meanwhile is seen, and the change lands in the history either way.
    const { count } = await tx.component.updateMany({ where: { id: component.id, NOT: { status } }, data: { status, ...(byPerson && { monitorStatus: null }) } });
    if (!count) continue;
    await tx.componentStatusChange.create({ data: { id: newId(), componentId: component.id, status, at, incidentId } });
    changes.push({ componentId: component.id, oldStatus: component.status as ComponentStatus, newStatus: status, at });
  }
  // Subscribers of these components hear of it through the outbox, in this same transaction.
  await enqueueComponentNotifications(tx, changes, { byIncident: updateNotifies });
  return components;
}

/**
 * Inside a backfill's transaction: records in the history that each component was in its given
 * status from `from` until `until` (both past). At `until` the history returns to the status the
 * component had then, so later uptime and the current status are left as they were. Returns the
 * components with their status during the window and after it, for the update's record.
 */
export async function backfillComponentStatuses(tx: Tx, statuses: Record<string, ComponentStatus>, from: Date, until: Date, incidentId: string) {
  const components = await loadComponents(tx, Object.keys(statuses));
  const backfilled = [];
  for (const component of components) {
    const then = await tx.componentStatusChange.findFirst({ where: { componentId: component.id, at: { lte: until } }, orderBy: { at: 'desc' }, select: { status: true } });
    const after = then?.status ?? component.status;
    // A window of no length (opened as resolved, right now) leaves the history as it is.
    if (from < until) await tx.componentStatusChange.createMany({
      data: [
        { id: newId(), componentId: component.id, status: statuses[component.id], at: from, incidentId },
        { id: newId(), componentId: component.id, status: after, at: until, incidentId },
      ],
    });
    backfilled.push({ ...component, during: statuses[component.id], after });
  }
  return backfilled;
}
