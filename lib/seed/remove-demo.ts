// A fresh install shows a demo page; its operator removes the demo's components, groups, incidents
// and maintenance in one step, keeping whatever they added themselves.
import { recordAudit } from '../audit/audit-log.ts';
import { requirePermission, type Actor } from '../access/permissions.ts';
import type { Db } from '../db/client.ts';
import { restoreStatusesFromHistory } from '../incidents/manage-incident.ts';
import { forgetDeletedComponents } from '../notifications/deleted-components.ts';
import { visibleWrite } from '../db/writes.ts';
import { counted } from '../words.ts';

/** How much demo content is left: the dashboard offers its removal while any is. */
export async function countDemoContent(db: Db) {
  const [components, incidents] = await Promise.all([db.component.count({ where: { demo: true } }), db.incident.count({ where: { demo: true } })]);
  return { components, incidents, any: components + incidents > 0 };
}

export async function removeDemoContent(db: Db, actor: Actor) {
  requirePermission(actor, 'page.configure');
  return visibleWrite(db, async (tx) => {
    // Components of the operator's own that a demo incident touched get their history's status back.
    const touched = await tx.componentStatusChange.findMany({
      where: { incident: { demo: true }, component: { demo: false } },
      distinct: ['componentId'],
      select: { componentId: true },
    });
    // Incidents first: their status changes go with them (cascade), then the demo's own components.
    const incidents = await tx.incident.deleteMany({ where: { demo: true } });
    const demoComponents = (await tx.component.findMany({ where: { demo: true }, select: { id: true } })).map((component) => component.id);
    const components = await tx.component.deleteMany({ where: { id: { in: demoComponents } } });
    await forgetDeletedComponents(tx, demoComponents);
    const groups = await tx.componentGroup.deleteMany({ where: { demo: true } });
    await restoreStatusesFromHistory(tx, touched.map((row) => row.componentId));
    await recordAudit(tx, actor, {
      action: 'demo.remove',
      targetType: 'page',
      targetId: null,
      summary: `Removed the demo content: ${counted(components.count, 'component')}, ${counted(groups.count, 'group')}, ${counted(incidents.count, 'incident or maintenance', 'incidents and maintenances')}`,
    });
    return { components: components.count, groups: groups.count, incidents: incidents.count };
  });
}
