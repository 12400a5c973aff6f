import { recordAudit, SYSTEM_ACTOR, type Actor } from '../audit/audit-log.ts';
import { applyComponentStatuses } from '../components/apply-statuses.ts';
import type { Db } from '../db.ts';
import { AppError, notFound } from '../errors.ts';
import { announceChange } from '../read-path/changes.ts';
import { incidentUpdateCreateSchema, type IncidentUpdateCreateInput } from '../schemas/incident.ts';
import type { IncidentKind, IncidentStatus, MaintenanceStatus } from '../schemas/status.ts';
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
  const incident = await db.$transaction(async (tx) => {
    const existing = await tx.incident.findUnique({ where: { id: incidentId } });
    if (!existing) throw notFound('incident', incidentId);
    if (data.expectedVersion !== undefined && data.expectedVersion !== existing.version) {
      throw new AppError('conflict', `incident ${incidentId} changed since version ${data.expectedVersion} (now ${existing.version}); reload and try again`, 409);
    }
    // Read in this transaction, so a note never brings back a status an operator just changed.
    const status = data.status ?? (existing.status as IncidentStatus | MaintenanceStatus);
    const allowed = allowedNextStatuses(existing.kind as IncidentKind, existing.status as IncidentStatus | MaintenanceStatus);
    if (!allowed.includes(status)) {
      throw new AppError('invalid_transition', `cannot move from ${existing.status} to ${status}`, 422, [{ allowed }]);
    }
    // Optimistic lock: the update only applies to the version just read.
    const { count } = await tx.incident.updateMany({
      where: { id: incidentId, version: existing.version },
      data: {
        status,
        version: { increment: 1 },
        identifiedAt: status === 'identified' ? (existing.identifiedAt ?? at) : existing.identifiedAt,
        monitoringAt: status === 'monitoring' ? (existing.monitoringAt ?? at) : existing.monitoringAt,
        resolvedAt: CLOSED.has(status) ? (existing.resolvedAt ?? at) : null,
      },
    });
    if (count === 0) throw new AppError('conflict', `incident ${incidentId} changed during this write; reload and try again`, 409);
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
      summary: `Posted a ${status} update on "${existing.name}"`,
      details: { from: existing.status, to: status, components: data.components },
    });
    return tx.incident.findUniqueOrThrow({ where: { id: incidentId }, include: { updates: true } });
  });
  await announceChange(db);
  return incident;
}
