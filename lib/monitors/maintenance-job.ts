// Keeps monitors' results small and their figures current: rolls up checks every minute, prunes old
// rows every hour. With several instances on PostgreSQL one of them does each run: the run holds a
// transaction-scoped advisory lock, and an instance that finds it taken skips that run. SQLite is one
// machine's file, written one transaction at a time: there each process just runs it.
import { dbProvider, type Db, type Tx } from '../db/client.ts';
import { pruneNotifications } from '../notifications/prune.ts';
import { errorLine, log } from '../log.ts';
import { pruneMonitorData, rollUpChecks, type RetentionDays } from './rollups.ts';

/** The hourly pruning: monitors' old rows, and the notifications' (they share the run and its lock). */
async function pruneEverything(db: Db | Tx, now: Date, retention: RetentionDays) {
  await pruneMonitorData(db, now, retention);
  await pruneNotifications(db, now);
}

/** Long enough for a first run that rolls up days of checks. */
const RUN_TIMEOUT_MS = 10 * 60_000;

/**
 * One run: rolls up checks and, with `prune`, deletes what is past its retention. False when another
 * instance is running it at the moment.
 */
export async function runMonitorMaintenance(db: Db, now: Date, prune?: RetentionDays): Promise<boolean> {
  if (dbProvider(db) === 'sqlite') {
    await rollUpChecks(db, now);
    if (prune) await pruneEverything(db, now, prune);
    return true;
  }
  return db.$transaction(
    async (tx) => {
      const [{ locked }] = await tx.$queryRawUnsafe<{ locked: boolean }[]>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', 'gatewatch.monitor-maintenance');
      if (!locked) return false;
      await rollUpChecks(tx, now);
      if (prune) await pruneEverything(tx, now, prune);
      return true;
    },
    { timeout: RUN_TIMEOUT_MS },
  );
}

/**
 * Runs the maintenance every minute (pruning once an hour) until stopped. Runs never overlap in one
 * process; a failed run (the database away) is logged once and retried on the next tick.
 */
export function startMonitorMaintenanceJob(db: Db, retention: RetentionDays, options: { tickMs?: number; pruneEveryMs?: number } = {}): () => void {
  const pruneEveryMs = options.pruneEveryMs ?? 3_600_000;
  let running = false;
  let failing = false;
  let prunedAt = 0;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const now = new Date();
      const prune = now.getTime() - prunedAt >= pruneEveryMs;
      // Another instance's run does the pruning when this one skips; this one tries again next tick.
      if ((await runMonitorMaintenance(db, now, prune ? retention : undefined)) && prune) prunedAt = now.getTime();
      if (failing) log('info', 'monitor rollups running again');
      failing = false;
    } catch (error) {
      if (!failing) log('warn', 'monitor rollups could not run; retrying every minute', { error: errorLine(error) });
      failing = true;
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.tickMs ?? 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
