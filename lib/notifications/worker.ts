// The outbox's sending side. Every second: fan new notifications out to one delivery per subscriber,
// claim due deliveries, send them (a bounded number at once), and record each outcome. Across any
// number of Gatewatch processes sharing the database each delivery is claimed by one of them: on
// PostgreSQL with FOR UPDATE SKIP LOCKED, on SQLite under the file's write lock. Claiming moves the
// delivery's nextAttemptAt to the end of a lease, so if the sender dies mid-send the delivery is due
// again then; it is marked delivered only after a 2xx. At least once, with the same webhook-id.
import { dbProvider, type Db, type Tx } from '../db/client.ts';
import { startClaimedWork } from '../db/claimed-work.ts';
import { lockForWrite } from '../db/writes.ts';
import { newId } from '../ids.ts';
import { notificationBody, type NotificationEvent } from './payloads.ts';
import { sendDelivery } from './send.ts';
import { ACTIVE_SUBSCRIBER, COMPONENT_SETTLE_MS, componentIdsOf, receives, sendableModes, subscriberShown, type FannedOutKind, type SubscriberMode } from './subscribers.ts';
import { webhookTimeoutMs, type SendOutcome } from './webhook.ts';

/** A claimed delivery belongs to its sender this long: the send's timeout and time to record it. */
export const leaseMs = () => webhookTimeoutMs() + 15_000;
/** An endpoint failing this long without a success is quarantined, and sent nothing more. */
export const QUARANTINE_AFTER_MS = 3 * 24 * 3600_000;
/** Waits before the 1st, 2nd, ... retry; the last repeats. */
const RETRY_DELAYS_MS = [10_000, 30_000, 120_000, 600_000, 3600_000, 6 * 3600_000];
const CLAIM_BATCH = 100;
/**
 * Notifications fanned out per transaction: one, so a transaction writing 10,000 deliveries holds
 * SQLite's write lock for one notification's rows, not twenty's, and other writes queue less.
 */
const FAN_OUT_BATCH = 1;
/** Rows per insert, well under both databases' limits on parameters in one statement. */
const INSERT_CHUNK = 500;
const MAX_IN_FLIGHT = 200;

/** How long to wait before retrying after the `attempts`-th failed attempt: the schedule, ±20 % so retries spread out. */
export function retryDelayMs(attempts: number, random = Math.random): number {
  const base = RETRY_DELAYS_MS[Math.min(Math.max(attempts, 1), RETRY_DELAYS_MS.length) - 1];
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Builds the body of each notification not yet fanned out and writes its deliveries to those
 * subscribed when it happened, in one transaction with marking it done: a crash leaves it whole or untouched. One whose incident or
 * component was deleted meanwhile is marked done with nobody to send to. Returns how many notifications it fanned out.
 */
export async function fanOutNotifications(db: Db, now: Date, { limit = FAN_OUT_BATCH, settledBefore = new Date(Date.now() - COMPONENT_SETTLE_MS) } = {}): Promise<number> {
  // Component changes wait until settled (COMPONENT_SETTLE_MS, on the real clock: the writes they wait for are real).
  const ready = { fannedOutAt: null, OR: [{ kind: { not: 'component_update' } }, { createdAt: { lte: settledBefore } }] };
  // Most ticks find nothing: one indexed read, no transaction, no lock.
  if (!(await db.notification.findFirst({ where: ready, select: { id: true } }))) return 0;
  return db.$transaction(
    async (tx) => {
      let ids: string[] | undefined;
      if (dbProvider(db) === 'postgresql') {
        ids = (
          await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Notification" WHERE "fannedOutAt" IS NULL AND ("kind" <> 'component_update' OR "createdAt" <= ${settledBefore}) ORDER BY "createdAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED`
        ).map((row) => row.id);
        if (!ids.length) return 0;
      } else {
        await lockForWrite(db, tx, 'notification-fan-out');
      }
      const notifications = await tx.notification.findMany({ where: { ...ready, ...(ids && { id: { in: ids } }) }, orderBy: { createdAt: 'asc' }, take: limit, select: { id: true, kind: true, event: true, createdAt: true } });
      if (!notifications.length) return 0;
      const subscribers = await tx.subscriber.findMany({ where: { ...ACTIVE_SUBSCRIBER, mode: { in: [...sendableModes()] } }, select: { id: true, mode: true, componentIds: true, confirmedAt: true } });
      const following = subscribers.map((subscriber) => ({ id: subscriber.id, mode: subscriber.mode as SubscriberMode, follows: componentIdsOf(subscriber.componentIds), since: subscriber.confirmedAt! }));
      for (const notification of notifications) {
        const built = notification.event ? await notificationBody(tx, JSON.parse(notification.event) as NotificationEvent, notification.createdAt) : null;
        const kind = built?.byIncident ? 'incident_component_update' : (notification.kind as FannedOutKind);
        const rows = !built
          ? []
          : following
              // Those subscribed when it happened: a fan-out running late tells no one who came after.
              .filter((subscriber) => subscriber.since <= notification.createdAt && receives(subscriber.mode, subscriber.follows, kind, built.componentIds))
              .map((subscriber) => ({ id: newId(), notificationId: notification.id, subscriberId: subscriber.id, nextAttemptAt: now, createdAt: now }));
        for (let start = 0; start < rows.length; start += INSERT_CHUNK) await tx.delivery.createMany({ data: rows.slice(start, start + INSERT_CHUNK) });
        await tx.notification.update({
          where: { id: notification.id },
          data: { fannedOutAt: now, kind, ...(built && { payload: JSON.stringify(built.body), componentIds: JSON.stringify(built.componentIds) }) },
        });
      }
      return notifications.length;
    },
    // Tens of thousands of rows on a busy machine take longer than Prisma's default 5 s.
    { timeout: 60_000, maxWait: 10_000 },
  );
}

/** Fans out every notification waiting, one transaction each. Returns how many. */
export async function fanOutAll(db: Db, now: Date, options: { settledBefore?: Date } = {}): Promise<number> {
  let total = 0;
  for (let done; (done = await fanOutNotifications(db, now, options)); ) total += done;
  return total;
}

const CLAIMED = {
  id: true,
  attempts: true,
  createdAt: true,
  leaseUntil: true,
  subscriber: { select: { id: true, mode: true, email: true, endpoint: true, secret: true, source: true, unsubscribeToken: true } },
  notification: { select: { id: true, kind: true, payload: true } },
} as const;

export type ClaimedDelivery = Awaited<ReturnType<typeof claimDueDeliveries>>[number];

/**
 * Claims up to `limit` deliveries due at `now`: this caller's to send until the lease ends. At most
 * one per subscriber at a time, the oldest first: a dead endpoint holds one send slot, not all of
 * them, and a subscriber gets its notifications in order.
 */
export async function claimDueDeliveries(db: Db, now: Date, limit = CLAIM_BATCH, lease = leaseMs()) {
  const due = { status: 'pending', nextAttemptAt: { lte: now } };
  if (!(await db.delivery.findFirst({ where: due, select: { id: true } }))) return [];
  const leaseUntil = new Date(now.getTime() + lease);
  const onePerSubscriber = (rows: { id: string; subscriberId: string }[]) =>
    rows.filter((row, index) => rows.findIndex((other) => other.subscriberId === row.subscriberId) === index).slice(0, limit).map((row) => row.id);
  return db.$transaction(async (tx) => {
    let ids: string[];
    if (dbProvider(db) === 'postgresql') {
      // The oldest due deliveries of subscribers with none being sent, read in due order along the
      // (status, nextAttemptAt) index so a backlog of thousands costs a few rows a claim, not a sort
      // of all of them; rows another claimer holds are skipped, and one per subscriber is kept below.
      // A row another claimer took and committed meanwhile is re-read under the lock, where the "due"
      // test sees its lease and drops it.
      const rows = await tx.$queryRaw<{ id: string; subscriberId: string }[]>`
        SELECT "id", "subscriberId" FROM "Delivery" AS d
        WHERE "status" = 'pending' AND "nextAttemptAt" <= ${now}
          AND NOT EXISTS (SELECT 1 FROM "Delivery" AS sending WHERE sending."subscriberId" = d."subscriberId" AND sending."status" = 'pending' AND sending."leaseUntil" > ${now})
        ORDER BY "nextAttemptAt" LIMIT ${limit * 4} FOR UPDATE SKIP LOCKED`;
      ids = onePerSubscriber(rows);
    } else {
      await lockForWrite(db, tx, 'delivery-claims');
      const rows = await tx.delivery.findMany({
        where: { ...due, subscriber: { deliveries: { none: { status: 'pending', leaseUntil: { gt: now } } } } },
        orderBy: { nextAttemptAt: 'asc' },
        take: limit * 4,
        select: { id: true, subscriberId: true },
      });
      ids = onePerSubscriber(rows);
    }
    if (!ids.length) return [];
    await tx.delivery.updateMany({ where: { id: { in: ids } }, data: { leaseUntil, nextAttemptAt: leaseUntil } });
    const claimed = await tx.delivery.findMany({ where: { id: { in: ids } }, select: CLAIMED });
    // A delivery is written only with its notification's body (at fan-out, or with a message to one address).
    return claimed.map((delivery) => ({ ...delivery, notification: { ...delivery.notification, payload: delivery.notification.payload ?? '{}' } }));
  });
}

type Delivered = { delivery: ClaimedDelivery; status: number | null };

/** Marks sent deliveries delivered (only pending ones: see below) and their subscribers no longer failing; one statement per answer status. */
async function writeDelivered(tx: Tx, delivered: Delivered[], now: Date) {
  for (const status of new Set(delivered.map((item) => item.status))) {
    const ids = delivered.filter((item) => item.status === status).map((item) => item.delivery.id);
    await tx.delivery.updateMany({ where: { id: { in: ids }, status: 'pending' }, data: { status: 'delivered', deliveredAt: now, attempts: { increment: 1 }, lastStatus: status, lastError: null, leaseUntil: null } });
  }
  await tx.subscriber.updateMany({ where: { id: { in: [...new Set(delivered.map((item) => item.delivery.subscriber.id))] }, failingSince: { not: null } }, data: { failingSince: null } });
}

/**
 * Successes recorded together: a fan-out of thousands writes one transaction per batch, not per
 * message (the transactions were most of its time). A send waits for its batch to be written, so its
 * slot is not freed before its outcome is stored; a batch that cannot be written leaves its deliveries
 * pending, due again when their leases end.
 */
function deliveredRecorder(db: Db, { maxBatch = 100, waitMs = 50 } = {}) {
  let waiting: (Delivered & { done: () => void; failed: (error: unknown) => void })[] = [];
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    const batch = waiting;
    waiting = [];
    if (timer) clearTimeout(timer);
    timer = null;
    db.$transaction(
      async (tx) => {
        if (dbProvider(db) === 'sqlite') await lockForWrite(db, tx, 'delivery-outcomes');
        await writeDelivered(tx, batch, new Date());
      },
      { maxWait: 10_000 },
    ).then(
      () => batch.forEach((item) => item.done()),
      (error) => batch.forEach((item) => item.failed(error)),
    );
  };
  return (delivery: ClaimedDelivery, status: number | null) =>
    new Promise<void>((done, failed) => {
      waiting.push({ delivery, status, done, failed });
      if (waiting.length >= maxBatch) flush();
      else timer ??= setTimeout(flush, waitMs);
    });
}

/**
 * Records how a send went. Delivered: done, and the subscriber is no longer failing. Failed: retried
 * after the next wait; a subscriber failing for QUARANTINE_AFTER_MS is quarantined, with the reason
 * in words, and its pending deliveries are given up. Only a pending delivery is touched: one another
 * sender already finished (after this one's lease ran out) stays as that sender left it.
 */
export async function recordDeliveryOutcome(db: Db, delivery: ClaimedDelivery, outcome: SendOutcome, now: Date, random = Math.random) {
  const subscriberId = delivery.subscriber.id;
  await db.$transaction(async (tx) => {
    if (dbProvider(db) === 'sqlite') await lockForWrite(db, tx, 'delivery-outcomes');
    if (outcome.ok) return writeDelivered(tx, [{ delivery, status: outcome.status }], now);
    const attempts = delivery.attempts + 1;
    // Only while this sender's lease holds: after it, another sender has the delivery.
    const { count } = await tx.delivery.updateMany({
      where: { id: delivery.id, status: 'pending', leaseUntil: delivery.leaseUntil },
      data: { attempts, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, random)), lastStatus: outcome.status, lastError: outcome.error, leaseUntil: null },
    });
    if (!count) return;
    const subscriber = await tx.subscriber.findUnique({ where: { id: subscriberId }, select: { failingSince: true, quarantinedAt: true, endpoint: true, email: true } });
    if (!subscriber || subscriber.quarantinedAt) return;
    if (!subscriber.failingSince) {
      await tx.subscriber.update({ where: { id: subscriberId }, data: { failingSince: now } });
      return;
    }
    // Both: no success from the endpoint for that long, and this delivery failing all along (a
    // failure long ago followed by days without anything to send is no outage).
    const failingFor = Math.min(now.getTime() - subscriber.failingSince.getTime(), now.getTime() - delivery.createdAt.getTime());
    if (failingFor < QUARANTINE_AFTER_MS) return;
    // The endpoint as shown, never whole: a chat webhook's path is its key.
    const reason = `${outcome.error} from ${subscriberShown({ mode: subscriber.endpoint ? 'webhook' : 'email', ...subscriber })}, failing since ${subscriber.failingSince.toISOString()}`;
    await tx.subscriber.update({ where: { id: subscriberId }, data: { quarantinedAt: now, quarantineReason: reason } });
    await tx.delivery.updateMany({ where: { subscriberId, status: 'pending' }, data: { status: 'failed', lastError: `not sent: the subscriber was quarantined (${reason})` } });
  }, { maxWait: 10_000 }); // behind a fan-out or a burst of checks on SQLite's one connection
}

/**
 * Sends due notifications until stopped: every `tickMs` it fans new ones out and claims as many due
 * deliveries as there are free slots, each sent on its own so a slow receiver holds only its slot.
 * A delivery whose outcome could not be recorded stays pending: due again when its lease ends.
 */
export function startDeliveryWorker(db: Db, options: { tickMs?: number; maxInFlight?: number } = {}): () => void {
  const recordDelivered = deliveredRecorder(db);
  return startClaimedWork({
    name: 'notification deliveries',
    beforeClaiming: async () => {
      await fanOutAll(db, new Date());
    },
    claim: (limit) => claimDueDeliveries(db, new Date(), limit),
    run: async (delivery) => {
      const outcome = await sendDelivery(db, delivery);
      if (outcome.ok) await recordDelivered(delivery, outcome.status);
      else await recordDeliveryOutcome(db, delivery, outcome, new Date());
    },
    maxInFlight: MAX_IN_FLIGHT,
    batch: CLAIM_BATCH,
    ...options,
  });
}
