import { recordAudit, SYSTEM_ACTOR, type Actor } from '../audit/audit-log.ts';
import type { Db } from '../db.ts';
import { notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { announceChange } from '../read-path/changes.ts';
import { componentStatusUpdateSchema, type ComponentStatusUpdateInput } from '../schemas/component.ts';

/** Changes a component's status and records it in the history that uptime is computed from. */
export async function setComponentStatus(db: Db, input: ComponentStatusUpdateInput, actor: Actor = SYSTEM_ACTOR, at = new Date()) {
  const { componentId, status } = componentStatusUpdateSchema.parse(input);
  const component = await db.$transaction(async (tx) => {
    const existing = await tx.component.findUnique({ where: { id: componentId } });
    if (!existing) throw notFound('component', componentId);
    if (existing.status === status) return existing;
    await tx.componentStatusChange.create({ data: { id: newId(), componentId, status, at } });
    await recordAudit(tx, actor, {
      action: 'component.update',
      targetType: 'component',
      targetId: componentId,
      summary: `Set "${existing.name}" from ${existing.status} to ${status}`,
      details: { from: existing.status, to: status },
    });
    return tx.component.update({ where: { id: componentId }, data: { status } });
  });
  await announceChange(db);
  return component;
}
