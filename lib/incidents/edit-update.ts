// Correcting the record: editing or deleting an update already posted. The incident's status and the
// components' statuses stay as they are; only what visitors read changes.
import { recordAudit } from '../audit/audit-log.ts';
import { requirePermission, type Actor } from '../access/permissions.ts';
import type { Db, Tx } from '../db/client.ts';
import { AppError, notFound } from '../errors.ts';
import { visibleWrite } from '../db/writes.ts';
import { bumpVersion, incidentAtVersion } from './incident-version.ts';
import { incidentUpdateEditSchema, type IncidentUpdateEditInput } from '../schemas/incident.ts';
import { updateStatusLabel } from '../schemas/status.ts';

/** The update of that incident, after the incident's version is checked and bumped (409 if stale). */
async function lockUpdate(tx: Tx, incidentId: string, updateId: string, expectedVersion?: number) {
  const incident = await incidentAtVersion(tx, incidentId, expectedVersion);
  const update = await tx.incidentUpdate.findFirst({ where: { id: updateId, incidentId } });
  if (!update) throw notFound('incident update', updateId);
  await bumpVersion(tx, incident);
  return { incident, update };
}

export async function editIncidentUpdate(db: Db, incidentId: string, updateId: string, input: IncidentUpdateEditInput, actor: Actor) {
  requirePermission(actor, 'incidents.write');
  const data = incidentUpdateEditSchema.parse(input);
  const edited = await visibleWrite(db, async (tx) => {
    const { incident, update } = await lockUpdate(tx, incidentId, updateId, data.expectedVersion);
    const edited = await tx.incidentUpdate.update({ where: { id: updateId }, data: { body: data.body, displayAt: data.displayAt } });
    await recordAudit(tx, actor, {
      action: 'incident_update.update',
      targetType: 'incident',
      targetId: incidentId,
      summary: `Edited the ${updateStatusLabel(update.status)} update on "${incident.name}"`,
      details: {
        updateId,
        ...(data.body !== undefined && data.body !== update.body && { body: { from: update.body, to: data.body } }),
        ...(data.displayAt && data.displayAt.getTime() !== update.displayAt.getTime() && { displayAt: { from: update.displayAt, to: data.displayAt } }),
      },
    });
    return edited;
  });
  return edited;
}

/** An incident keeps at least one update: deleting the last one is refused (422). */
export async function deleteIncidentUpdate(db: Db, incidentId: string, updateId: string, actor: Actor, expectedVersion?: number) {
  requirePermission(actor, 'incidents.write');
  await visibleWrite(db, async (tx) => {
    const { incident, update } = await lockUpdate(tx, incidentId, updateId, expectedVersion);
    if ((await tx.incidentUpdate.count({ where: { incidentId } })) === 1) {
      throw new AppError('last_update', 'An incident keeps at least one update: edit this one instead.');
    }
    await tx.incidentUpdate.delete({ where: { id: updateId } });
    await recordAudit(tx, actor, {
      action: 'incident_update.delete',
      targetType: 'incident',
      targetId: incidentId,
      summary: `Deleted the ${updateStatusLabel(update.status)} update on "${incident.name}"`,
      details: { updateId, status: update.status, body: update.body, displayAt: update.displayAt },
    });
  });
}
