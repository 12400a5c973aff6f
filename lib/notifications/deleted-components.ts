// What deleting a component does to subscriptions, inside the component's own write (lib/components
// calls it, as it calls the outbox; this module reads nothing of lib/components).
import type { Tx } from '../db/client.ts';
import { componentIdsOf } from './subscribers.ts';

/**
 * Inside the write deleting components: they leave the lists of those who chose them. One whose every
 * choice is gone follows none (page-wide incidents only), not all: nobody is sent more than they chose.
 */
export async function forgetDeletedComponents(tx: Tx, componentIds: string[]) {
  if (!componentIds.length) return;
  const gone = new Set(componentIds);
  const rows = await tx.subscriber.findMany({ where: { OR: componentIds.map((id) => ({ componentIds: { contains: JSON.stringify(id) } })) }, select: { id: true, componentIds: true } });
  // Most share a few lists: a statement per list left (and per thousand of them), not per subscriber.
  const byList = new Map<string, string[]>();
  for (const row of rows) {
    const left = JSON.stringify(componentIdsOf(row.componentIds)!.filter((id) => !gone.has(id)));
    const ids = byList.get(left) ?? [];
    ids.push(row.id);
    byList.set(left, ids);
  }
  for (const [left, ids] of byList) {
    for (let start = 0; start < ids.length; start += 1000) await tx.subscriber.updateMany({ where: { id: { in: ids.slice(start, start + 1000) } }, data: { componentIds: left } });
  }
}
