// Putting the record right: an incident's or maintenance's own fields edited without posting an
// update, or the whole of it deleted (the audit log keeps what it was).
import { recordAudit } from '../audit/audit-log.ts';
import { requirePermission, type Actor } from '../access/permissions.ts';
import type { Db, Tx } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { visibleWrite } from '../db/writes.ts';
import { incidentEditSchema, type IncidentEditData, type IncidentEditInput } from '../schemas/incident.ts';
import { IMPACT_LABELS, type ComponentStatus, type Impact } from '../schemas/status.ts';
import { lockComponents } from '../components/apply-statuses.ts';
import { bumpVersion, incidentAtVersion, type LockedIncident } from './incident-version.ts';
import { heldByOpenIncidentOrWindow } from './statuses-after-close.ts';

const refuse = (message: string, field: string) => new AppError('invalid_field', message, [{ field }]);
const when = (date: Date | null) => date?.toISOString() ?? null;

/** Title, impact (an incident's) and window (a maintenance's): only what is given and differs changes. */
export async function editIncident(db: Db, incidentId: string, input: IncidentEditInput, actor: Actor) {
  requirePermission(actor, 'incidents.write');
  const data = incidentEditSchema.parse(input);
  return visibleWrite(db, async (tx) => writeIncidentEdit(tx, await incidentAtVersion(tx, incidentId, data.expectedVersion), data, actor));
}

/** Inside a write's transaction, on the incident as just locked and checked: see editIncident. Returns the row after. */
export async function writeIncidentEdit(tx: Tx, existing: LockedIncident, data: IncidentEditData, actor: Actor): Promise<LockedIncident> {
  const maintenance = existing.kind === 'maintenance';
  if (data.impact && maintenance) throw refuse('A maintenance has no impact to set: visitors see it as maintenance.', 'impact');
  if ((data.scheduledFor || data.scheduledUntil) && !maintenance) throw refuse('Only a maintenance has a window to move.', 'scheduledFor');

  const changes: { name?: string; impact?: Impact; scheduledFor?: Date; scheduledUntil?: Date } = {};
  if (data.name !== undefined && data.name !== existing.name) changes.name = data.name;
  if (data.impact !== undefined && data.impact !== existing.impact) changes.impact = data.impact;
  if (data.scheduledFor && data.scheduledFor.getTime() !== existing.scheduledFor?.getTime()) changes.scheduledFor = data.scheduledFor;
  if (data.scheduledUntil && data.scheduledUntil.getTime() !== existing.scheduledUntil?.getTime()) changes.scheduledUntil = data.scheduledUntil;
  if (changes.scheduledFor || changes.scheduledUntil) {
    if (existing.status === 'completed') throw refuse('This maintenance has ended: its window can no longer be moved.', 'scheduledFor');
    if (changes.scheduledFor && existing.status !== 'scheduled') throw refuse('This maintenance has already started: only its end can be moved.', 'scheduledFor');
    const from = changes.scheduledFor ?? existing.scheduledFor;
    const until = changes.scheduledUntil ?? existing.scheduledUntil;
    if (from && until && until <= from) throw refuse('The end must be after the start.', 'scheduledUntil');
    if (until && until.getTime() <= Date.now()) throw refuse('The window would be wholly in the past: a maintenance window must end in the future.', 'scheduledUntil');
  }
  if (!Object.keys(changes).length) return existing;

  // A window moved to a new start is reminded of afresh.
  await bumpVersion(tx, existing, changes.scheduledFor ? { ...changes, reminderSentAt: null } : changes);
  await recordAudit(tx, actor, {
    action: maintenance ? 'maintenance.edit' : 'incident.edit',
    targetType: 'incident',
    targetId: existing.id,
    summary: describeEdit(existing, changes),
    details: Object.fromEntries(Object.entries(changes).map(([field, value]) => [field, { from: existing[field as keyof typeof changes] ?? null, to: value }])),
  });
  return tx.incident.findUniqueOrThrow({ where: { id: existing.id } });
}

function describeEdit(existing: { name: string; kind: string; impact: string }, changes: { name?: string; impact?: Impact; scheduledFor?: Date; scheduledUntil?: Date }) {
  const parts = [];
  if (changes.name) parts.push(`renamed it "${changes.name}"`);
  if (changes.impact) parts.push(`set its impact from ${IMPACT_LABELS[existing.impact as Impact]} to ${IMPACT_LABELS[changes.impact]}`);
  if (changes.scheduledFor || changes.scheduledUntil) parts.push('moved its window');
  const what = existing.kind === 'maintenance' ? 'the maintenance' : 'the incident';
  return `Edited ${what} "${existing.name}": ${parts.join(', ')}`;
}

/**
 * Deletes an incident or maintenance with its updates, and takes the status changes it made out of
 * its components' history (so uptime reads as if it never happened). A component whose status
 * came from it goes back to the status its history now ends with. The audit log keeps a copy.
 */
export async function deleteIncident(db: Db, incidentId: string, actor: Actor, expectedVersion?: number) {
  requirePermission(actor, 'incidents.write');
  await visibleWrite(db, async (tx) => {
    const existing = await incidentAtVersion(tx, incidentId, expectedVersion);
    const [updates, touched] = await Promise.all([
      tx.incidentUpdate.findMany({ where: { incidentId }, orderBy: { displayAt: 'asc' }, select: { status: true, body: true, displayAt: true } }),
      tx.componentStatusChange.findMany({ where: { incidentId }, distinct: ['componentId'], select: { componentId: true } }),
    ]);
    // Cascades to its updates, its component links and the history rows it wrote.
    await tx.incident.delete({ where: { id: incidentId } });
    await restoreStatusesFromHistory(tx, touched.map((row) => row.componentId));
    await recordAudit(tx, actor, {
      action: existing.kind === 'maintenance' ? 'maintenance.delete' : 'incident.delete',
      targetType: 'incident',
      targetId: incidentId,
      summary: `Deleted the ${existing.kind === 'maintenance' ? 'maintenance' : 'incident'} "${existing.name}"`,
      details: {
        name: existing.name,
        kind: existing.kind,
        status: existing.status,
        impact: existing.impact,
        startedAt: when(existing.startedAt),
        resolvedAt: when(existing.resolvedAt),
        scheduledFor: when(existing.scheduledFor),
        scheduledUntil: when(existing.scheduledUntil),
        updates,
      },
    });
  });
}

/**
 * After a deleted incident's history rows are gone (with its links): each component takes the status
 * its history now ends with (operational with none left), except one an open incident or a
 * maintenance in progress still holds (its status may be theirs, written without a row of its own
 * when it did not change).
 */
export async function restoreStatusesFromHistory(tx: Tx, componentIds: string[]) {
  await lockComponents(tx, componentIds);
  const held = await heldByOpenIncidentOrWindow(tx, componentIds);
  for (const componentId of [...componentIds].sort()) {
    if (held.has(componentId)) continue;
    const last = await tx.componentStatusChange.findFirst({ where: { componentId }, orderBy: { at: 'desc' }, select: { status: true } });
    const status = (last?.status ?? 'operational') as ComponentStatus;
    await tx.component.updateMany({ where: { id: componentId, NOT: { status } }, data: { status } });
  }
}
