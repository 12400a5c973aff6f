import type { Db } from '../db/client.ts';
import { COMPONENT_STATUS_LABELS, type ComponentStatus } from '../schemas/status.ts';
import { componentsInOrder } from '../status/page-order.ts';

/** Every component in the order the page shows them, with its status now in words: for the incident and maintenance forms. */
export async function incidentComponentChoices(db: Db) {
  const [groups, components] = await Promise.all([
    db.componentGroup.findMany({ select: { id: true, position: true, createdAt: true } }),
    db.component.findMany({ select: { id: true, name: true, status: true, groupId: true, position: true, createdAt: true } }),
  ]);
  return componentsInOrder(groups, components).map((component) => ({ id: component.id, name: component.name, statusLabel: COMPONENT_STATUS_LABELS[component.status as ComponentStatus] }));
}
