// Every write to an incident bumps its version; a writer naming an older one is refused (409), and
// two writers racing on the same version cannot both land.
import type { Tx } from '../db/client.ts';
import { AppError, notFound } from '../errors.ts';

/** Said when a write is refused as stale, so the operator knows what to look at. */
const RELOAD = 'Reload the page to see the changes, then try again.';

/**
 * What others changed since `expectedVersion`, in words. Each write to an incident bumps its version
 * once and writes one audit row in the same transaction, so the newest rows are those changes.
 */
async function changesSince(tx: Tx, incidentId: string, expectedVersion: number, version: number) {
  const count = Math.min(Math.max(version - expectedVersion, 0), 5);
  const rows = await tx.auditLog.findMany({
    where: { targetType: 'incident', targetId: incidentId },
    orderBy: { at: 'desc' },
    take: count,
    select: { actorName: true, summary: true },
  });
  return rows.reverse().map((row) => `${row.actorName}: ${row.summary}`);
}

/** Inside a write's transaction: the incident (404 if missing), refused with 409 if it is past `expectedVersion`. */
export async function incidentAtVersion(tx: Tx, incidentId: string, expectedVersion?: number) {
  // The row's write lock first: a writer that named no version then waits for one in progress and
  // builds on its result, where PostgreSQL would otherwise let it read the old row and lose the race
  // (a 409 nobody asked for). On SQLite this starts the write at once; writers queue there anyway.
  await tx.$executeRaw`UPDATE "Incident" SET "version" = "version" WHERE "id" = ${incidentId}`;
  const incident = await tx.incident.findUnique({ where: { id: incidentId } });
  if (!incident) throw notFound('incident', incidentId);
  if (expectedVersion !== undefined && expectedVersion !== incident.version) {
    const changes = await changesSince(tx, incidentId, expectedVersion, incident.version);
    const what = changes.length ? ` Changed meanwhile: ${changes.join('; ')}.` : '';
    throw new AppError('conflict', `Someone else changed "${incident.name}" after you opened it, so nothing was saved.${what} ${RELOAD}`, [
      { current_version: incident.version, changes },
    ]);
  }
  return incident;
}

/** An incident row as locked and checked by incidentAtVersion, for the writes that follow it. */
export type LockedIncident = Awaited<ReturnType<typeof incidentAtVersion>>;

/** Writes `data` and the next version, only if the row is still at the version just read (409 if not). */
export async function bumpVersion(tx: Tx, incident: { id: string; name: string; version: number }, data: Parameters<Tx['incident']['updateMany']>[0]['data'] = {}) {
  const { count } = await tx.incident.updateMany({ where: { id: incident.id, version: incident.version }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) throw new AppError('conflict', `Someone else changed "${incident.name}" at the same moment, so nothing was saved. ${RELOAD}`);
}
