// Timed work claimed through the database (monitor checks, notification deliveries): every tick it
// claims as much as there are free slots and runs each item on its own, so a slow one holds only its
// slot. Claiming is the caller's (FOR UPDATE SKIP LOCKED, leases): this is the loop around it.
import { errorLine, log } from '../log.ts';

export interface ClaimedWork<T> {
  /** What the log calls it: "monitor checks", "notification deliveries". */
  name: string;
  /** Claims up to `limit` items due now; fewer than asked means none are left. */
  claim(limit: number): Promise<T[]>;
  /** Runs one claimed item; a failure is logged, and the item is the claim's to retry (its lease). */
  run(item: T): Promise<void>;
  /** Done first on each tick (the notifications' fan-out). */
  beforeClaiming?(): Promise<void>;
  tickMs?: number;
  maxInFlight?: number;
  /** The most asked of `claim` at once. */
  batch?: number;
}

/** Starts the loop; the function returned stops it. A failure (the database away) is logged once and retried each tick. */
export function startClaimedWork<T>(work: ClaimedWork<T>): () => void {
  const { maxInFlight = 200, batch = 50, tickMs = 1000 } = work;
  let inFlight = 0;
  let ticking = false;
  let failing = false;
  const failed = (what: string, error: unknown) => {
    if (!failing) log('warn', `${what}; retrying every second`, { error: errorLine(error) });
    failing = true;
  };
  // Set when a claim filled every free slot: more may be due, so half the slots coming free claims
  // again at once instead of at the next tick (a backlog drains at the send rate, not a batch a tick).
  let backlog = false;
  let stopped = false;
  const run = async (item: T) => {
    try {
      await work.run(item);
    } catch (error) {
      failed(`${work.name}: one could not be completed`, error);
    } finally {
      inFlight--;
      if (backlog && !ticking && !stopped && inFlight <= maxInFlight / 2) void tick();
    }
  };
  const tick = async () => {
    if (ticking) return;
    ticking = true;
    try {
      await work.beforeClaiming?.();
      backlog = false;
      while (inFlight < maxInFlight) {
        const asked = Math.min(batch, maxInFlight - inFlight);
        const claimed = await work.claim(asked);
        inFlight += claimed.length;
        for (const item of claimed) void run(item);
        backlog = claimed.length === asked;
        if (!backlog) break;
      }
      if (failing) log('info', `${work.name} running again`);
      failing = false;
    } catch (error) {
      failed(`${work.name} could not be claimed`, error);
    } finally {
      ticking = false;
    }
  };
  const timer = setInterval(() => void tick(), tickMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
