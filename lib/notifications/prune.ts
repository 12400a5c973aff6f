// Housekeeping of the outbox, run hourly with the monitors' (lib/monitors/maintenance-job.ts).
import type { Db, Tx } from '../db/client.ts';

/** The delivery log keeps this many days. */
export const NOTIFICATION_RETENTION_DAYS = 30;

/**
 * Deletes notifications older than the retention whose deliveries are all done (with their
 * deliveries), and email subscriptions never confirmed whose link has expired.
 */
export async function pruneNotifications(db: Db | Tx, now: Date) {
  const before = new Date(now.getTime() - NOTIFICATION_RETENTION_DAYS * 24 * 3600_000);
  const notifications = await db.notification.deleteMany({ where: { createdAt: { lt: before }, deliveries: { none: { status: 'pending' } } } });
  const subscribers = await db.subscriber.deleteMany({ where: { confirmedAt: null, purgeAt: { lt: now } } });
  return { notifications: notifications.count, subscribers: subscribers.count };
}
