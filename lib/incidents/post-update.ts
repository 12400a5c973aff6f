import { recordAudit } from '../audit/audit-log.ts';
import { isPerson, requirePermission, type Actor } from '../access/permissions.ts';
import { applyComponentStatuses, lockComponents } from '../components/apply-statuses.ts';
import type { Db, Tx } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { bumpVersion, incidentAtVersion, type LockedIncident } from './incident-version.ts';
import { visibleWrite } from '../db/writes.ts';
import { incidentUpdateCreateSchema, type IncidentUpdateCreateInput, type IncidentUpdateCreateData } from '../schemas/incident.ts';
import { isClosedStatus, statusChangeInWords, UPDATE_STATUS_LABELS, type IncidentKind, type IncidentStatus, type MaintenanceStatus } from '../schemas/status.ts';
import { statusesAfterClose } from './statuses-after-close.ts';
import { allowedNextStatuses } from './transitions.ts';
import { newUpdateData } from './update-data.ts';
import { enqueueIncidentNotifications } from '../notifications/enqueue.ts';

/**
 * Posts a new update on an incident or maintenance: moves its status along the lifecycle, records
 * the lifecycle times, and changes the affected components' statuses, all in one transaction. An
 * update that closes it (resolved, completed) also brings back the affected components it does not
 * name or keep (statuses-after-close.ts). `cancel` closes a maintenance as called off.
 */
export async function postIncidentUpdate(
  db: Db,
  incidentId: string,
  input: IncidentUpdateCreateInput,
  actor: Actor,
  options: { cancel?: boolean } = {},
) {
  requirePermission(actor, 'incidents.write');
  const data = incidentUpdateCreateSchema.parse(input);
  return visibleWrite(db, async (tx) => writeIncidentUpdate(tx, await incidentAtVersion(tx, incidentId, data.expectedVersion), data, actor, options));
}

/** Inside a write's transaction, on the incident as just locked and checked: see postIncidentUpdate. */
export async function writeIncidentUpdate(tx: Tx, existing: LockedIncident, data: IncidentUpdateCreateData, actor: Actor, { cancel = false }: { cancel?: boolean } = {}) {
  const incidentId = existing.id;
  const at = data.displayAt ?? new Date();
  // Read in this transaction, so a note never brings back a status an operator just changed.
  const status = data.status ?? (existing.status as IncidentStatus | MaintenanceStatus);
  if (cancel && (existing.kind !== 'maintenance' || isClosedStatus(existing.status))) {
    throw new AppError('invalid_transition', 'Only a maintenance that has not ended can be cancelled.');
  }
  const allowed = allowedNextStatuses(existing.kind as IncidentKind, existing.status as IncidentStatus | MaintenanceStatus);
  if (!allowed.includes(status)) {
    const labels = allowed.map((next) => UPDATE_STATUS_LABELS[next]).join(', ');
    throw new AppError(
      'invalid_transition',
      `The status cannot go from ${UPDATE_STATUS_LABELS[existing.status as IncidentStatus]} to ${UPDATE_STATUS_LABELS[status]}; it can go to: ${labels}.`,
      [{ allowed }],
    );
  }
  const closing = isClosedStatus(status) && !isClosedStatus(existing.status);
  // Optimistic lock: the update only applies to the version just read.
  await bumpVersion(tx, existing, {
    status,
    identifiedAt: status === 'identified' ? (existing.identifiedAt ?? at) : existing.identifiedAt,
    monitoringAt: status === 'monitoring' ? (existing.monitoringAt ?? at) : existing.monitoringAt,
    resolvedAt: isClosedStatus(status) ? (existing.resolvedAt ?? at) : null,
    ...(cancel && { cancelledAt: at }),
  });
  // The components the update names get their status; when it closes, the others come back (their
  // rows locked first, so two incidents closing at once each see the other's outcome).
  const named = data.components;
  const linked = new Set((await tx.incidentComponent.findMany({ where: { incidentId }, select: { componentId: true } })).map((link) => link.componentId));
  if (closing) await lockComponents(tx, linked);
  const statuses = closing ? { ...(await statusesAfterClose(tx, existing, [...Object.keys(named), ...data.keepComponentIds])), ...named } : named;
  // After the incident row: writers on one incident queue there, before touching components.
  // People following a component hear of its change in the update, unless the update is quiet; a
  // deploy window's changes are told by its updates or not at all (a planned restart pages nobody).
  const toldByUpdate = data.deliverNotifications || existing.deploy;
  // A deploy window's statuses are not a person's choice: monitors take the components back after it.
  const components = await applyComponentStatuses(tx, statuses, at, data.keepComponentIds, incidentId, isPerson(actor) && !existing.deploy, toldByUpdate);
  const newlyAffected = components.filter((component) => !linked.has(component.id));
  if (newlyAffected.length) {
    await tx.incidentComponent.createMany({ data: newlyAffected.map((component) => ({ incidentId, componentId: component.id })) });
  }
  const update = await tx.incidentUpdate.create({
    data: { ...newUpdateData({ ...data, status, at, before: components, statuses }), incidentId },
  });
  await enqueueIncidentNotifications(tx, incidentId, update.id);
  await recordAudit(tx, actor, {
    action: cancel ? 'maintenance.cancel' : 'incident.update',
    targetType: 'incident',
    targetId: incidentId,
    summary: cancel ? `Cancelled the maintenance "${existing.name}"` : `Posted an update on "${existing.name}": ${statusChangeInWords(existing.status, status)}`,
    details: { from: existing.status, to: status, components: statuses },
  });
  return tx.incident.findUniqueOrThrow({ where: { id: incidentId }, include: { updates: true } });
}
