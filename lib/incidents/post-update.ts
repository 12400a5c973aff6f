import { recordAudit, SYSTEM_ACTOR, type Actor } from '../audit/audit-log.ts';
import { applyComponentStatuses } from '../components/apply-statuses.ts';
import type { Db } from '../db.ts';
import { AppError } from '../errors.ts';
import { bumpVersion, incidentAtVersion } from './incident-version.ts';
import { visibleWrite } from '../read-path/changes.ts';
import { incidentUpdateCreateSchema, type IncidentUpdateCreateInput } from '../schemas/incident.ts';
import { statusChangeInWords, type IncidentKind, type IncidentStatus, type MaintenanceStatus } from '../schemas/status.ts';
import { allowedNextStatuses } from './transitions.ts';
import { newUpdateData } from './update-data.ts';

const CLOSED = new Set<string>(['resolved', 'postmortem', 'completed']);

/**
 * Posts a new update on an incident or maintenance: moves its status along the lifecycle, records
 * the lifecycle times, and changes the affected components' statuses, all in one transaction.
 */
export async function postIncidentUpdate(db: Db, incidentId: string, input: IncidentUpdateCreateInput, actor: Actor = SYSTEM_ACTOR) {
  const data = incidentUpdateCreateSchema.parse(input);
  const at = data.displayAt ?? new Date();
  const incident = await visibleWrite(db, async (tx) => {
    const existing = await incidentAtVersion(tx, incidentId, data.expectedVersion);
    // Read in this transaction, so a note never brings back a status an operator just changed.
    const status = data.status ?? (existing.status as IncidentStatus | MaintenanceStatus);
    const allowed = allowedNextStatuses(existing.kind as IncidentKind, existing.status as IncidentStatus | MaintenanceStatus);
    if (!allowed.includes(status)) {
      throw new AppError('invalid_transition', `cannot move from ${existing.status} to ${status}`, 422, [{ allowed }]);
    }
    // Optimistic lock: the update only applies to the version just read.
    await bumpVersion(tx, existing, {
      status,
      identifiedAt: status === 'identified' ? (existing.identifiedAt ?? at) : existing.identifiedAt,
      monitoringAt: status === 'monitoring' ? (existing.monitoringAt ?? at) : existing.monitoringAt,
      resolvedAt: CLOSED.has(status) ? (existing.resolvedAt ?? at) : null,
    });
    // After the incident row: writers on one incident queue there, before touching components.
    const components = await applyComponentStatuses(tx, data.components, at);
    const linked = await tx.incidentComponent.findMany({ where: { incidentId }, select: { componentId: true } });
    const newlyAffected = components.filter((component) => !linked.some((link) => link.componentId === component.id));
    if (newlyAffected.length) {
      await tx.incidentComponent.createMany({ data: newlyAffected.map((component) => ({ incidentId, componentId: component.id })) });
    }
    await tx.incidentUpdate.create({
      data: { ...newUpdateData({ ...data, status, at, before: components, statuses: data.components }), incidentId },
    });
    await recordAudit(tx, actor, {
      action: 'incident.update',
      targetType: 'incident',
      targetId: incidentId,
      summary: `Posted an update on "${existing.name}": ${statusChangeInWords(existing.status, status)}`,
      details: { from: existing.status, to: status, components: data.components },
    });
    return tx.incident.findUniqueOrThrow({ where: { id: incidentId }, include: { updates: true } });
  });
  return incident;
}
