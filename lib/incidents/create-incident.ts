import type { Db } from '../db.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { announceChange } from '../read-path/changes.ts';
import { incidentCreateSchema, type IncidentCreateInput } from '../schemas/incident.ts';

/**
 * Opens an incident with its first update, setting the affected components' statuses in the same
 * transaction (each change recorded in their history, old and new status in the update).
 */
export async function createIncident(db: Db, input: IncidentCreateInput) {
  const data = incidentCreateSchema.parse(input);
  const at = data.startedAt ?? new Date();
  const componentIds = Object.keys(data.components);
  const incident = await db.$transaction(async (tx) => {
    const components = await tx.component.findMany({ where: { id: { in: componentIds } } });
    const missing = componentIds.filter((id) => !components.some((component) => component.id === id));
    if (missing.length) {
      throw new AppError('not_found', `unknown component ${missing.join(', ')}`, 404, missing.map((id) => ({ component: id })));
    }
    const resolved = data.status === 'resolved' || data.status === 'postmortem';
    const incidentId = newId();
    await tx.incident.create({
      data: {
        id: incidentId,
        kind: 'incident',
        name: data.name,
        status: data.status,
        impact: data.impact,
        startedAt: at,
        identifiedAt: data.status === 'identified' ? at : null,
        monitoringAt: data.status === 'monitoring' ? at : null,
        resolvedAt: resolved ? at : null,
        components: { create: componentIds.map((componentId) => ({ componentId })) },
        updates: {
          create: {
            id: newId(),
            status: data.status,
            body: data.body,
            displayAt: at,
            deliverNotifications: data.deliverNotifications,
            affectedComponents: {
              create: components.map((component) => ({
                id: newId(),
                componentId: component.id,
                name: component.name,
                oldStatus: component.status,
                newStatus: data.components[component.id],
              })),
            },
          },
        },
      },
    });
    for (const component of components) {
      const status = data.components[component.id];
      if (status === component.status) continue;
      await tx.component.update({ where: { id: component.id }, data: { status } });
      await tx.componentStatusChange.create({ data: { id: newId(), componentId: component.id, status, at } });
    }
    return tx.incident.findUniqueOrThrow({ where: { id: incidentId }, include: { updates: true } });
  });
  await announceChange(db);
  return incident;
}
