// Confirming email subscriptions (double opt-in) and the other messages sent to one address. Shared by
// the operators' verbs (manage-subscribers.ts) and the visitors' (public-subscribe.ts): both go
// through these limits, so neither the form nor a leaked API key can flood an inbox.
import { randomBytes } from 'node:crypto';
import type { Tx } from '../db/client.ts';
import { publicBaseUrl } from '../page/page-settings.ts';
import { enqueueMessageTo } from './enqueue.ts';
import { confirmPath, managePath } from './payloads.ts';

/** How long a confirmation link works; an address not confirmed by then is removed. */
export const CONFIRM_FOR_MS = 48 * 3600_000;
/** At most this many messages to one address in a day, */
export const MESSAGES_PER_DAY = 3;
/** and not two within this. */
export const MESSAGE_GAP_MS = 60_000;
const DAY_MS = 24 * 3600_000;

/** A token for links that act without signing in (confirm, manage, unsubscribe): long enough never to be guessed. */
export const newToken = () => randomBytes(24).toString('base64url');

/** Addresses are compared and stored in lower case: nobody means two people by Ann@ and ann@. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/**
 * Whether another message may go to this subscriber now; if not, the seconds until one may. Counted
 * from the messages' own deliveries, so every process and instance sees the same count.
 */
export async function messageAllowed(tx: Tx, subscriberId: string, now: Date): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  const recent = await tx.delivery.findMany({
    where: { subscriberId, createdAt: { gt: new Date(now.getTime() - DAY_MS) }, notification: { kind: { in: ['confirmation', 'manage_link'] } } },
    select: { createdAt: true },
    orderBy: { createdAt: 'desc' },
  });
  const wait = (until: number) => ({ ok: false as const, retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) });
  if (recent.length >= MESSAGES_PER_DAY) return wait(recent[MESSAGES_PER_DAY - 1].createdAt.getTime() + DAY_MS);
  if (recent[0] && now.getTime() - recent[0].createdAt.getTime() < MESSAGE_GAP_MS) return wait(recent[0].createdAt.getTime() + MESSAGE_GAP_MS);
  return { ok: true };
}

/**
 * Gives an unconfirmed subscriber a new confirmation link (the old one stops working) and sends it.
 * Unconfirmed, it is removed when the link expires.
 */
export async function sendConfirmation(tx: Tx, subscriberId: string, componentNames: string[] | null, now: Date) {
  const token = newToken();
  const expires = new Date(now.getTime() + CONFIRM_FOR_MS);
  await tx.subscriber.update({ where: { id: subscriberId }, data: { confirmToken: token, confirmExpiresAt: expires, purgeAt: expires } });
  const base = await publicBaseUrl(tx);
  await enqueueMessageTo(tx, subscriberId, 'confirmation', { confirm_url: `${base}${confirmPath(token)}`, expires_at: expires.toISOString(), components: componentNames }, now);
}

/** Sends a subscriber the link to its subscription: to an address that subscribes again, to a chat channel just subscribed. */
export async function sendManageLink(tx: Tx, subscriber: { id: string; unsubscribeToken: string }, componentNames: string[] | null, now: Date) {
  const base = await publicBaseUrl(tx);
  await enqueueMessageTo(tx, subscriber.id, 'manage_link', { manage_url: `${base}${managePath(subscriber.unsubscribeToken)}`, components: componentNames }, now);
}
