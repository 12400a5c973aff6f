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
  const ids = Object.keys(statuses);
  const components = await tx.component.findMany({ where: { id: { in: ids } } });
  const missing = ids.filter((id) => !components.some((component) => component.id === id));
  if (missing.length) {
    throw new AppError('not_found', `unknown component ${missing.join(', ')}`, 404, missing.map((id) => ({ component: id })));
  }
  for (const component of components) {
    const status = statuses[component.id];
    if (status === component.status) continue;
    await tx.component.update({ where: { id: component.id }, data: { status } });
    await tx.componentStatusChange.create({ data: { id: newId(), componentId: component.id, status, at } });
  }
  return components;
}
