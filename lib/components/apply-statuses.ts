import type { Db } from '../db.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { ComponentStatus } from '../schemas/status.ts';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/**
 * Inside a write's transaction: loads the named components (404 if one is missing), sets each to its
 * new status and records the change in the history uptime is computed from. Returns the components
 * as they were before, for the update's old → new record.
 */
export async function applyComponentStatuses(tx: Tx, statuses: Record<string, ComponentStatus>, at: Date) {
  // Sorted, so two writers lock rows in the same order and cannot deadlock.
  const ids = Object.keys(statuses).sort();
  const components = await tx.component.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } });
  const missing = ids.filter((id) => !components.some((component) => component.id === id));
  if (missing.length) {
    throw new AppError('not_found', `unknown component ${missing.join(', ')}`, 404, missing.map((id) => ({ component: id })));
  }
  for (const component of components) {
    const status = statuses[component.id];
    // Conditional on the row as it is when locked (not as read above): a concurrent write that
    // changed it meanwhile is seen, and the change lands in the history either way.
    const { count } = await tx.component.updateMany({ where: { id: component.id, NOT: { status } }, data: { status } });
    if (count) await tx.componentStatusChange.create({ data: { id: newId(), componentId: component.id, status, at } });
  }
  return components;
}
