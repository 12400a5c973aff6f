import type { Db } from '../db.ts';
import { recordAudit, SYSTEM_ACTOR, type Actor } from '../audit/audit-log.ts';
import { applyComponentStatuses } from '../components/apply-statuses.ts';
import { newId } from '../ids.ts';
import { announceChange } from '../read-path/changes.ts';
import { newUpdateData } from './update-data.ts';
import { incidentCreateSchema, type IncidentCreateInput } from '../schemas/incident.ts';

/**
 * Opens an incident with its first update, setting the affected components' statuses in the same
 * transaction (each change recorded in their history, old and new status in the update).
 */
export async function createIncident(db: Db, input: IncidentCreateInput, actor: Actor = SYSTEM_ACTOR) {
  const data = incidentCreateSchema.parse(input);
  const at = data.startedAt ?? new Date();
  const incident = await db.$transaction(async (tx) => {
    // Components named only in componentIds are affected but keep their status.
    const components = await applyComponentStatuses(tx, data.components, at, data.componentIds);
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
        components: { create: components.map((component) => ({ componentId: component.id })) },
        updates: {
          create: newUpdateData({ ...data, at, before: components, statuses: data.components }),
        },
      },
    });
    await recordAudit(tx, actor, {
      action: 'incident.create',
      targetType: 'incident',
      targetId: incidentId,
      summary: `Opened "${data.name}" (${data.status}, impact ${data.impact})`,
      details: { components: data.components },
    });
    return tx.incident.findUniqueOrThrow({ where: { id: incidentId }, include: { updates: true } });
  });
  await announceChange(db);
  return incident;
}
