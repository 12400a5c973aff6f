// Operators' verbs on subscribers (the admin API today; the admin UI and the public form later).
import { requirePermission, type Actor } from '../access/permissions.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { loadComponents, lockComponents } from '../components/apply-statuses.ts';
import type { Db, Tx } from '../db/client.ts';
import { lockForWrite } from '../db/writes.ts';
import { AppError, notFound } from '../errors.ts';
import type { Prisma } from '../generated/sqlite/client.ts';
import { newId } from '../ids.ts';
import { subscriberCreateSchema, type SubscriberCreateInput, type SubscriberState } from '../schemas/subscriber.ts';
import { messageAllowed, newToken, normalizeEmail, sendConfirmation } from './address-messages.ts';
import { ACTIVE_SUBSCRIBER, componentIdsOf, emailEnabled, subscriberNamed, type SubscriberMode } from './subscribers.ts';
import { newWebhookSecret } from './webhook.ts';

export type SubscriberRow = NonNullable<Awaited<ReturnType<Db['subscriber']['findFirst']>>>;

const STATE_FILTERS: Record<SubscriberState, Prisma.SubscriberWhereInput> = {
  active: ACTIVE_SUBSCRIBER,
  unconfirmed: { confirmedAt: null },
  quarantined: { quarantinedAt: { not: null } },
  all: {},
};

/** The names of a subscriber's stored components (null for all): those deleted since are left out, never an error. */
export async function storedComponentNames(tx: Tx, stored: string | null): Promise<string[] | null> {
  const ids = componentIdsOf(stored);
  if (!ids) return null;
  const rows = await tx.component.findMany({ where: { id: { in: ids } }, select: { name: true } });
  return rows.map((row) => row.name);
}

/**
 * Inside the write storing a subscriber's choice: the names of the components chosen (null for all),
 * for the messages that say what was subscribed to; a 404 for one that does not exist. Locks them
 * first: a deletion running meanwhile ends before (and this answers 404) or waits, and takes the
 * choice out of the list it then finds (deleted-components.ts).
 */
export async function componentNames(tx: Tx, componentIds: string[]): Promise<string[] | null> {
  if (!componentIds.length) return null;
  await lockComponents(tx, componentIds);
  const rows = await loadComponents(tx, componentIds);
  return rows.map((row) => row.name);
}

/**
 * Subscribes an address or an endpoint, for an operator. Webhooks and chat channels are confirmed at
 * once (whoever holds the key vouches for them); a webhook gets a signing secret, in the answer this
 * once. An email address is sent a confirmation link unless `skipConfirmation` (Statuspage's
 * skip_confirmation_notification): the operator vouches for it. One subscription per address or endpoint.
 */
export async function createSubscriber(db: Db, input: SubscriberCreateInput, actor: Actor, { skipConfirmation = false } = {}): Promise<SubscriberRow> {
  requirePermission(actor, 'subscribers.manage');
  const data = subscriberCreateSchema.parse(input);
  if (data.mode === 'email') {
    if (!emailEnabled()) throw new AppError('invalid_field', 'Email subscriptions need SMTP_URL, the mail server Gatewatch sends through; it is not set.', [{ field: 'mode' }]);
    if (!data.email) throw new AppError('invalid_field', 'An email subscriber needs an email address.', [{ field: 'email' }]);
  } else if (!data.endpoint) {
    throw new AppError('invalid_field', `A ${data.mode} subscriber needs an endpoint: the URL notifications are posted to.`, [{ field: 'endpoint' }]);
  }
  const email = data.mode === 'email' ? normalizeEmail(data.email!) : null;
  const endpoint = data.mode === 'email' ? null : data.endpoint!;
  const componentIds = [...new Set(data.componentIds ?? [])].sort();
  const now = new Date();
  return db.$transaction(async (tx) => {
    // A 404 naming components that do not exist, and nothing stored.
    const names = await componentNames(tx, componentIds);
    // Two requests for one address at once: one subscribes, the other is told it is subscribed.
    await lockForWrite(db, tx, `subscriber:${data.mode}:${email ?? endpoint}`);
    if (await tx.subscriber.findFirst({ where: { mode: data.mode, ...(email ? { email } : { endpoint }) }, select: { id: true } })) {
      throw new AppError('already_subscribed', `${email ?? 'That endpoint'} is already subscribed; change or remove that subscription instead.`, [{ field: email ? 'email' : 'endpoint' }]);
    }
    const confirmed = data.mode !== 'email' || skipConfirmation;
    const subscriber = await tx.subscriber.create({
      data: {
        id: newId(),
        mode: data.mode,
        email,
        endpoint,
        secret: data.mode === 'webhook' ? newWebhookSecret() : null,
        componentIds: componentIds.length ? JSON.stringify(componentIds) : null,
        confirmedAt: confirmed ? now : null,
        unsubscribeToken: newToken(),
        source: 'admin',
        createdAt: now,
      },
    });
    if (!confirmed) await sendConfirmation(tx, subscriber.id, names, now);
    await recordAudit(tx, actor, {
      action: 'subscriber.create',
      targetType: 'subscriber',
      targetId: subscriber.id,
      summary: `Subscribed ${subscriberNamed(subscriber)} to ${names ? names.join(', ') : 'all components'}${confirmed ? '' : ' (a confirmation link was sent)'}`,
    });
    return tx.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } });
  });
}

/** Sends an unconfirmed email subscriber a new confirmation link, within the per-address limits. */
export async function resendConfirmation(db: Db, id: string, actor: Actor): Promise<SubscriberRow> {
  requirePermission(actor, 'subscribers.manage');
  const now = new Date();
  return db.$transaction(async (tx) => {
    const subscriber = await tx.subscriber.findUnique({ where: { id } });
    if (!subscriber) throw notFound('subscriber', id);
    if (subscriber.mode !== 'email') throw new AppError('invalid_field', 'Only email subscribers confirm their address; this one is a ' + subscriber.mode + '.', [{ field: 'mode' }]);
    if (subscriber.confirmedAt) throw new AppError('invalid_field', `${subscriber.email} has already confirmed; nothing to resend.`, [{ field: 'confirmed_at' }]);
    if (!emailEnabled()) throw new AppError('invalid_field', 'Email cannot be sent: SMTP_URL, the mail server Gatewatch sends through, is not set.', [{ field: 'mode' }]);
    const allowed = await messageAllowed(tx, id, now);
    if (!allowed.ok) throw new AppError('too_many_messages', `${subscriber.email} was sent confirmations recently; try again in ${waitInWords(allowed.retryAfterSeconds)}.`, [{ retry_after_seconds: allowed.retryAfterSeconds }]);
    await sendConfirmation(tx, id, await storedComponentNames(tx, subscriber.componentIds), now);
    await recordAudit(tx, actor, { action: 'subscriber.resend_confirmation', targetType: 'subscriber', targetId: id, summary: `Sent ${subscriber.email} a new confirmation link` });
    return tx.subscriber.findUniqueOrThrow({ where: { id } });
  });
}

/** "5 minutes", "2 hours": a wait as a person says it. */
export const waitInWords = (seconds: number) => (seconds < 90 ? `${seconds} seconds` : seconds < 5400 ? `${Math.ceil(seconds / 60)} minutes` : `${Math.ceil(seconds / 3600)} hours`);

export async function readSubscriber(db: Db, id: string, actor: Actor): Promise<SubscriberRow> {
  requirePermission(actor, 'subscribers.manage');
  const subscriber = await db.subscriber.findUnique({ where: { id } });
  if (!subscriber) throw notFound('subscriber', id);
  return subscriber;
}

export interface SubscriberFilter {
  mode?: SubscriberMode;
  state?: SubscriberState;
  /** Part of an address or an endpoint. */
  search?: string;
}

const whereOf = ({ mode, state = 'all', search }: SubscriberFilter): Prisma.SubscriberWhereInput => ({
  ...STATE_FILTERS[state],
  ...(mode && { mode }),
  ...(search && { OR: [{ email: { contains: search.toLowerCase() } }, { endpoint: { contains: search } }] }),
});

/** Newest first, a page at a time. */
export async function listSubscribers(db: Db, actor: Actor, filter: SubscriberFilter & { limit?: number; page?: number } = {}) {
  requirePermission(actor, 'subscribers.manage');
  const limit = filter.limit ?? 100;
  return db.subscriber.findMany({ where: whereOf(filter), orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], take: limit, skip: ((filter.page ?? 1) - 1) * limit });
}

export async function countSubscribers(db: Db, actor: Actor, filter: SubscriberFilter = {}) {
  requirePermission(actor, 'subscribers.manage');
  return db.subscriber.count({ where: whereOf(filter) });
}

/** Unsubscribes: the subscriber goes, with its deliveries (sent or not). Returns it as it was. */
export async function deleteSubscriber(db: Db, id: string, actor: Actor): Promise<SubscriberRow> {
  requirePermission(actor, 'subscribers.manage');
  return db.$transaction(async (tx) => {
    const subscriber = await tx.subscriber.findUnique({ where: { id } });
    if (!subscriber) throw notFound('subscriber', id);
    await tx.subscriber.delete({ where: { id } });
    await recordAudit(tx, actor, {
      action: 'subscriber.delete',
      targetType: 'subscriber',
      targetId: id,
      summary: `Unsubscribed ${subscriberNamed(subscriber)}`,
    });
    return subscriber;
  });
}
