// Every write to an incident bumps its version; a writer naming an older one is refused (409), and
// two writers racing on the same version cannot both land.
import type { Tx } from '../db.ts';
import { AppError, notFound } from '../errors.ts';

/** Inside a write's transaction: the incident (404 if missing), refused with 409 if it is past `expectedVersion`. */
export async function incidentAtVersion(tx: Tx, incidentId: string, expectedVersion?: number) {
  // The row's write lock first: a writer that named no version then waits for one in progress and
  // builds on its result, where PostgreSQL would otherwise let it read the old row and lose the race
  // (a 409 nobody asked for). On SQLite this starts the write at once; writers queue there anyway.
  await tx.$executeRaw`UPDATE "Incident" SET "version" = "version" WHERE "id" = ${incidentId}`;
  const incident = await tx.incident.findUnique({ where: { id: incidentId } });
  if (!incident) throw notFound('incident', incidentId);
  if (expectedVersion !== undefined && expectedVersion !== incident.version) {
    throw new AppError('conflict', `incident ${incidentId} changed since version ${expectedVersion} (now ${incident.version}); reload and try again`, 409);
  }
  return incident;
}

/** Writes `data` and the next version, only if the row is still at the version just read (409 if not). */
export async function bumpVersion(tx: Tx, incident: { id: string; version: number }, data: Parameters<Tx['incident']['updateMany']>[0]['data'] = {}) {
  const { count } = await tx.incident.updateMany({ where: { id: incident.id, version: incident.version }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) throw new AppError('conflict', `incident ${incident.id} changed during this write; reload and try again`, 409);
}
