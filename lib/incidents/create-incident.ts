import type { Db, Tx } from '../db/client.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { isPerson, requirePermission, type Actor } from '../access/permissions.ts';
import { applyComponentStatuses, backfillComponentStatuses, loadComponents } from '../components/apply-statuses.ts';
import { newId } from '../ids.ts';
import { visibleWrite } from '../db/writes.ts';
import { newUpdateData } from './update-data.ts';
import { enqueueIncidentNotifications } from '../notifications/enqueue.ts';
import { incidentCreateSchema, type IncidentCreateData, type IncidentCreateInput } from '../schemas/incident.ts';
import { IMPACT_WORDS, isClosedIncidentStatus, updateStatusLabel, type ComponentStatus } from '../schemas/status.ts';

/**
 * Opens an incident with its first update, setting the affected components' statuses in the same
 * transaction (each change recorded in their history, old and new status in the update).
 *
 * Opened as resolved (or postmortem) it is a backfill: the components' given statuses go into their
 * history between startedAt and resolvedAt (so uptime shows the outage) and their current status is
 * left alone; its one update, at resolvedAt, records them going from that status back.
 */
export async function createIncident(db: Db, input: IncidentCreateInput, actor: Actor) {
  requirePermission(actor, 'incidents.write');
  const data = incidentCreateSchema.parse(input);
  return visibleWrite(db, (tx) => writeNewIncident(tx, data, actor));
}

/** Inside a write's transaction, on input already parsed: see createIncident (for a caller that decides in the same transaction). */
export async function writeNewIncident(tx: Tx, data: IncidentCreateData, actor: Actor) {
  requirePermission(actor, 'incidents.write');
  const now = new Date();
  const startedAt = data.startedAt ?? now;
  const closed = isClosedIncidentStatus(data.status);
  const resolvedAt = closed ? (data.resolvedAt ?? now) : null;
  const incidentId = newId();
  // The incident first: the history rows its components' changes write refer to it.
  await tx.incident.create({
    data: {
      id: incidentId,
      kind: 'incident',
      name: data.name,
      status: data.status,
      impact: data.impact,
      startedAt,
      identifiedAt: data.status === 'identified' ? startedAt : null,
      monitoringAt: data.status === 'monitoring' ? startedAt : null,
      resolvedAt,
    },
  });
  let update: ReturnType<typeof newUpdateData>;
  let affected: string[];
  if (resolvedAt) {
    const backfilled = await backfillComponentStatuses(tx, data.components, startedAt, resolvedAt, incidentId);
    const unchanged = await loadComponents(tx, data.componentIds.filter((id) => !(id in data.components)));
    const before = [...backfilled.map((component) => ({ ...component, status: component.during })), ...unchanged];
    const after = Object.fromEntries(backfilled.map((component) => [component.id, component.after as ComponentStatus]));
    update = newUpdateData({ ...data, at: resolvedAt, before, statuses: after });
    affected = before.map((component) => component.id);
  } else {
    // Components named only in componentIds are affected but keep their status.
    const components = await applyComponentStatuses(tx, data.components, startedAt, data.componentIds, incidentId, isPerson(actor), data.deliverNotifications);
    update = newUpdateData({ ...data, at: startedAt, before: components, statuses: data.components });
    affected = components.map((component) => component.id);
  }
  await tx.incidentComponent.createMany({ data: affected.map((componentId) => ({ incidentId, componentId })) });
  await tx.incidentUpdate.create({ data: { ...update, incidentId } });
  await enqueueIncidentNotifications(tx, incidentId, update.id);
  await recordAudit(tx, actor, {
    action: 'incident.create',
    targetType: 'incident',
    targetId: incidentId,
    summary: `${closed ? 'Backfilled' : 'Opened'} "${data.name}" (${updateStatusLabel(data.status)}, ${IMPACT_WORDS[data.impact]})`,
    details: { components: data.components, ...(closed && { startedAt, resolvedAt }) },
  });
  return tx.incident.findUniqueOrThrow({ where: { id: incidentId }, include: { updates: true } });
}
