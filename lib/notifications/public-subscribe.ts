// Visitors' verbs on their own subscriptions: subscribing from the page's form, confirming an email
// address from its link, changing what they follow and unsubscribing through the token every
// notification carries. No sign-in: the tokens are the proof. The form's answer never tells whether
// an address was already subscribed, and limits per address (address-messages.ts) and per client
// (here) keep anyone from using it to flood an inbox.
import ipaddr from 'ipaddr.js';
import { AppError } from '../errors.ts';
import type { Db } from '../db/client.ts';
import { RateLimiter } from '../http/rate-limit.ts';
import { newId } from '../ids.ts';
import { processGlobal } from '../process-global.ts';
import { subscriberCreateSchema, type SubscriberCreateInput } from '../schemas/subscriber.ts';
import { messageAllowed, newToken, normalizeEmail, sendConfirmation, sendManageLink } from './address-messages.ts';
import { checkPublicEndpoint } from './endpoint-guard.ts';
import { componentNames, storedComponentNames, waitInWords } from './manage-subscribers.ts';
import { lockForWrite } from '../db/writes.ts';
import { newWebhookSecret } from './webhook.ts';
import { emailEnabled } from './subscribers.ts';

/** Subscriptions a client address may attempt: 5 at once, then one every 6 minutes (10 an hour). In memory, per process. */
const clientLimiter = () => processGlobal('subscribe-form-limiter', () => new RateLimiter(1 / 6, 5));

/** An IPv6 client is counted by its /64, which one household or server holds whole; an IPv4 one by its address. */
export function clientNetwork(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  return parsed.kind() === 'ipv6' ? `${parsed.toNormalizedString().split(':').slice(0, 4).join(':')}::/64` : parsed.toString();
}

export type PageSubscribeOutcome =
  /** The same for a new address, one waiting for confirmation, one already confirmed, and one over its limit. */
  | { kind: 'check_inbox'; email: string }
  /** A new webhook: its signing secret, shown this once. */
  | { kind: 'webhook'; secret: string }
  /** A new chat channel: it is sent a welcome message with its manage link. */
  | { kind: 'chat' }
  /** The endpoint was subscribed already (whoever typed the URL knows it; nothing is revealed). */
  | { kind: 'endpoint_exists' };

/** Subscribes from the public page's form, for a visitor at `clientAddress`. */
export async function subscribeFromPage(db: Db, input: SubscriberCreateInput, clientAddress: string, now = new Date()): Promise<PageSubscribeOutcome> {
  const data = subscriberCreateSchema.parse(input);
  if (data.mode === 'email' && !emailEnabled()) throw new AppError('invalid_field', 'This page does not send email; subscribe with a webhook, Slack or Discord instead.', [{ field: 'mode' }]);
  if (data.mode === 'email' ? !data.email : !data.endpoint) {
    throw new AppError('invalid_field', data.mode === 'email' ? 'Enter your email address.' : 'Enter the URL updates should be posted to.', [{ field: data.mode === 'email' ? 'email' : 'endpoint' }]);
  }
  const rate = clientLimiter().take(clientNetwork(clientAddress), now.getTime());
  if (!rate.ok) throw new AppError('rate_limited', `Too many subscriptions from your network just now; try again in ${waitInWords(rate.retryAfterSeconds)}.`, [{ retry_after_seconds: rate.retryAfterSeconds }]);
  if (data.mode !== 'email') await checkPublicEndpoint(data.endpoint!);
  const componentIds = [...new Set(data.componentIds ?? [])].sort();
  const stored = componentIds.length ? JSON.stringify(componentIds) : null;
  return db.$transaction(async (tx) => {
    const names = await componentNames(tx, componentIds);
    if (data.mode === 'email') {
      const email = normalizeEmail(data.email!);
      // One subscribing post per address at a time (a double click, a script): never two rows, never past the limit.
      await lockForWrite(db, tx, `subscriber:email:${email}`);
      const existing = await tx.subscriber.findFirst({ where: { mode: 'email', email } });
      // Over the address's limit: the same answer, and nothing sent.
      if (existing && !(await messageAllowed(tx, existing.id, now)).ok) return { kind: 'check_inbox', email };
      if (existing?.confirmedAt && !existing.quarantinedAt) {
        // Confirmed already: its owner gets the link to change it; the subscription stays as it is.
        await sendManageLink(tx, existing, await storedComponentNames(tx, existing.componentIds), now);
      } else if (existing) {
        // Waiting for confirmation, or quarantined (mail to it kept failing): confirmed afresh.
        await tx.subscriber.update({ where: { id: existing.id }, data: { componentIds: stored, confirmedAt: null, quarantinedAt: null, quarantineReason: null, failingSince: null } });
        await sendConfirmation(tx, existing.id, names, now);
      } else {
        const subscriber = await tx.subscriber.create({ data: { id: newId(), mode: 'email', email, componentIds: stored, unsubscribeToken: newToken(), source: 'page', createdAt: now } });
        await sendConfirmation(tx, subscriber.id, names, now);
      }
      return { kind: 'check_inbox', email };
    }
    await lockForWrite(db, tx, `subscriber:${data.mode}:${data.endpoint}`);
    if (await tx.subscriber.findFirst({ where: { mode: data.mode, endpoint: data.endpoint }, select: { id: true } })) return { kind: 'endpoint_exists' };
    const subscriber = await tx.subscriber.create({
      data: {
        id: newId(),
        mode: data.mode,
        endpoint: data.endpoint,
        secret: data.mode === 'webhook' ? newWebhookSecret() : null,
        componentIds: stored,
        confirmedAt: now,
        unsubscribeToken: newToken(),
        source: 'page',
        createdAt: now,
      },
    });
    if (data.mode === 'webhook') return { kind: 'webhook', secret: subscriber.secret! };
    await sendManageLink(tx, subscriber, names, now);
    return { kind: 'chat' };
  });
}

export type ConfirmationState =
  | { kind: 'waiting' | 'confirmed'; email: string; manageToken: string }
  | { kind: 'expired' }
  /** No such link: a newer one was sent, or the subscription was removed. */
  | { kind: 'unknown' };

/** Where the email subscription of confirmation link `token` stands. */
export async function confirmationState(db: Db, token: string, now = new Date()): Promise<ConfirmationState> {
  const subscriber = await db.subscriber.findUnique({ where: { confirmToken: token }, select: { email: true, confirmedAt: true, confirmExpiresAt: true, unsubscribeToken: true } });
  if (!subscriber) return { kind: 'unknown' };
  // Past its 48 hours a link does nothing, used or not: it must not hand out the subscription for ever.
  if (subscriber.confirmExpiresAt && subscriber.confirmExpiresAt < now) return { kind: subscriber.confirmedAt ? 'unknown' : 'expired' };
  if (subscriber.confirmedAt) return { kind: 'confirmed', email: subscriber.email ?? '', manageToken: subscriber.unsubscribeToken };
  return { kind: 'waiting', email: subscriber.email ?? '', manageToken: subscriber.unsubscribeToken };
}

/** Confirms the email subscription whose link holds `token`. Confirming twice is fine; an expired or replaced link is not. */
export async function confirmSubscription(db: Db, token: string, now = new Date()): Promise<ConfirmationState> {
  const state = await confirmationState(db, token, now);
  if (state.kind !== 'waiting') return state;
  // The link keeps working (a second click says "subscribed already") until a new one replaces it.
  await db.subscriber.updateMany({ where: { confirmToken: token, confirmedAt: null }, data: { confirmedAt: now, purgeAt: null } });
  return { ...state, kind: 'confirmed' };
}

/** The subscription a manage or unsubscribe link points at, or null (unsubscribed, or never was). */
export const subscriptionByToken = (db: Db, token: string) => db.subscriber.findUnique({ where: { unsubscribeToken: token } });

/** Changes what a subscription follows (none: all components). */
export async function changeFollowedComponents(db: Db, token: string, componentIds: string[]) {
  const ids = [...new Set(subscriberCreateSchema.shape.componentIds.parse(componentIds) ?? [])].sort();
  return db.$transaction(async (tx) => {
    await componentNames(tx, ids);
    const { count } = await tx.subscriber.updateMany({ where: { unsubscribeToken: token }, data: { componentIds: ids.length ? JSON.stringify(ids) : null } });
    if (!count) throw new AppError('not_found', 'This subscription no longer exists; it may have been unsubscribed.');
  });
}

/** Unsubscribes the subscription of `token`, with its pending deliveries. Whether there was one to remove. */
export async function unsubscribeByToken(db: Db, token: string): Promise<boolean> {
  const { count } = await db.subscriber.deleteMany({ where: { unsubscribeToken: token } });
  return count > 0;
}
