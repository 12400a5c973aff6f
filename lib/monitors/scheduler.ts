// When checks run. Each due monitor is claimed by moving its nextCheckAt on by one interval in the
// same statement that finds it, so across any number of Gatewatch processes sharing the database a
// check runs once per interval, and if the process that claimed it dies, the monitor is simply due
// again one interval later. On PostgreSQL the claim skips rows another instance holds (FOR UPDATE
// SKIP LOCKED); SQLite runs one write transaction at a time.
import { requirePermission, type Actor } from '../access/permissions.ts';
import { dbProvider, type Db } from '../db/client.ts';
import { startClaimedWork } from '../db/claimed-work.ts';
import { lockForWrite } from '../db/writes.ts';
import { AppError } from '../errors.ts';
import { readMonitor, type MonitorRow } from './manage-monitors.ts';
import { NO_PROBE, probeHttp, probeTcp, type ProbeResult } from './probes.ts';
import { recordCheckAndIncident, type RecordedCheck } from './record-check.ts';
import { settingsOf, type HttpSettings, type TcpSettings } from './settings.ts';

const CLAIM_BATCH = 50;

/** Claims up to `limit` monitors due at `now`: theirs to check, no other process's. */
export async function claimDueMonitors(db: Db, now: Date, limit = CLAIM_BATCH): Promise<MonitorRow[]> {
  // Alert monitors are fed by alerts (alert-intake.ts), never probed.
  const due = { paused: false, kind: { not: 'alert' }, nextCheckAt: { lte: now } };
  // Most ticks find nothing due: answered by one indexed read, with no transaction and no lock.
  if (!(await db.monitor.findFirst({ where: due, select: { id: true } }))) return [];
  return db.$transaction(async (tx) => {
    let ids: string[] | undefined;
    if (dbProvider(db) === 'postgresql') {
      ids = (await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Monitor" WHERE "paused" = false AND "kind" <> 'alert' AND "nextCheckAt" <= ${now} ORDER BY "nextCheckAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED`).map((row) => row.id);
      if (!ids.length) return [];
    } else {
      await lockForWrite(db, tx, 'monitor-claims');
    }
    const rows = await tx.monitor.findMany({ where: { ...due, ...(ids && { id: { in: ids } }) }, orderBy: { nextCheckAt: 'asc' }, take: limit });
    // One statement per interval among them (most often one), not one per monitor.
    for (const intervalSeconds of new Set(rows.map((monitor) => monitor.intervalSeconds))) {
      const claimed = rows.filter((monitor) => monitor.intervalSeconds === intervalSeconds).map((monitor) => monitor.id);
      await tx.monitor.updateMany({ where: { id: { in: claimed } }, data: { nextCheckAt: new Date(now.getTime() + intervalSeconds * 1000) } });
    }
    return rows;
  });
}

/** Runs one monitor's check (a heartbeat's is that its call is late). */
export async function probe(monitor: MonitorRow): Promise<ProbeResult> {
  const timeoutMs = monitor.timeoutSeconds * 1000;
  if (monitor.kind === 'http') return probeHttp(settingsOf(monitor) as HttpSettings, timeoutMs);
  if (monitor.kind === 'tcp') return probeTcp(settingsOf(monitor) as TcpSettings, timeoutMs);
  if (monitor.kind === 'alert') throw new AppError('invalid_field', 'An alert monitor is not probed: it follows the alerts Alertmanager or Grafana post.', [{ field: 'kind' }]);
  const window = monitor.intervalSeconds + monitor.timeoutSeconds;
  return { ...NO_PROBE, ok: false, code: 'heartbeat_missed', detail: `no call in ${window} s (expected every ${monitor.intervalSeconds} s)` };
}

/**
 * Runs due checks until stopped: every second it claims what is due, as many as there are free slots
 * (200), and starts each on its own, so a slow or hanging check holds its own slot and delays no other.
 */
export function startMonitorScheduler(db: Db, options: { tickMs?: number; maxInFlight?: number } = {}): () => void {
  return startClaimedWork({
    name: 'monitor checks',
    claim: (limit) => claimDueMonitors(db, new Date(), limit),
    run: async (monitor) => void (await recordCheckAndIncident(db, monitor.id, await probe(monitor), new Date())),
    batch: CLAIM_BATCH,
    ...options,
  });
}

export interface CheckNowResult extends RecordedCheck {
  result: ProbeResult;
}

/** "Check now": runs the check at once and records it like any other; the answer gives its result and timings. */
export async function checkNow(db: Db, id: string, actor: Actor, at = () => new Date()): Promise<CheckNowResult> {
  requirePermission(actor, 'components.configure');
  const monitor = await readMonitor(db, id);
  if (monitor.kind === 'heartbeat') {
    throw new AppError('invalid_field', 'A heartbeat monitor is checked when its job calls the heartbeat URL; call that URL to test it.', [{ field: 'kind' }]);
  }
  if (monitor.kind === 'alert') {
    throw new AppError('invalid_field', 'An alert monitor follows the alerts Alertmanager or Grafana post to /alerts/alertmanager or /alerts/grafana; it has nothing to check now.', [{ field: 'kind' }]);
  }
  const result = await probe(monitor);
  const recorded = await recordCheckAndIncident(db, id, result, at());
  if (!recorded) throw new AppError('not_found', 'That monitor was deleted while it was being checked.', [{ monitor: id }]);
  return { ...recorded, result };
}

/**
 * A call to a heartbeat URL: the job is alive. Records a passing check and moves the deadline for
 * the next call on. Unknown tokens are a 404; a paused monitor takes the call and records nothing.
 */
export async function recordHeartbeat(db: Db, token: string, at = new Date()): Promise<{ paused: boolean }> {
  const monitor = token.length <= 100 ? await db.monitor.findUnique({ where: { heartbeatToken: token } }) : null;
  if (!monitor) throw new AppError('not_found', 'No monitor has this heartbeat URL; copy it again from the monitor in the admin.');
  if (monitor.paused) return { paused: true };
  const result: ProbeResult = { ...NO_PROBE, ok: true, detail: 'called the heartbeat URL' };
  await recordCheckAndIncident(db, monitor.id, result, at, { nextCheckAt: new Date(at.getTime() + (monitor.intervalSeconds + monitor.timeoutSeconds) * 1000) });
  return { paused: false };
}
