// Operators' verbs on subscribers (the admin API today; the admin UI and the public form later).
import { randomBytes } from 'node:crypto';
import { requirePermission, type Actor } from '../access/permissions.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { loadComponents } from '../components/apply-statuses.ts';
import type { Db } from '../db/client.ts';
import { AppError, notFound } from '../errors.ts';
import type { Prisma } from '../generated/sqlite/client.ts';
import { newId } from '../ids.ts';
import { subscriberCreateSchema, type SubscriberCreateInput, type SubscriberState } from '../schemas/subscriber.ts';
import { ACTIVE_SUBSCRIBER, type SubscriberMode } from './subscribers.ts';
import { newWebhookSecret } from './webhook.ts';

export type SubscriberRow = NonNullable<Awaited<ReturnType<Db['subscriber']['findFirst']>>>;

const STATE_FILTERS: Record<SubscriberState, Prisma.SubscriberWhereInput> = {
  active: ACTIVE_SUBSCRIBER,
  unconfirmed: { confirmedAt: null },
  quarantined: { quarantinedAt: { not: null } },
  all: {},
};

/** A token for links that act without signing in (unsubscribe): long enough never to be guessed. */
const newToken = () => randomBytes(24).toString('base64url');

/**
 * Subscribes an endpoint. A webhook is confirmed at once (whoever holds the key vouches for it) and
 * gets a signing secret, in the answer this once. Email, Slack, Discord and Teams come later.
 */
export async function createSubscriber(db: Db, input: SubscriberCreateInput, actor: Actor): Promise<SubscriberRow> {
  requirePermission(actor, 'subscribers.manage');
  const data = subscriberCreateSchema.parse(input);
  if (data.mode === 'email') {
    throw new AppError('invalid_field', 'Email subscriptions need SMTP_URL, the mail server Gatewatch sends through; it is not set.', [{ field: 'mode' }]);
  }
  if (data.mode !== 'webhook') throw new AppError('invalid_field', `${data.mode} subscriptions are not available yet; subscribe a webhook.`, [{ field: 'mode' }]);
  if (!data.endpoint) throw new AppError('invalid_field', 'A webhook subscriber needs an endpoint: the URL notifications are posted to.', [{ field: 'endpoint' }]);
  const componentIds = [...new Set(data.componentIds ?? [])];
  const now = new Date();
  return db.$transaction(async (tx) => {
    // A 404 naming components that do not exist, and nothing stored.
    await loadComponents(tx, componentIds);
    const subscriber = await tx.subscriber.create({
      data: {
        id: newId(),
        mode: 'webhook',
        endpoint: data.endpoint,
        secret: newWebhookSecret(),
        componentIds: componentIds.length ? JSON.stringify(componentIds.sort()) : null,
        confirmedAt: now,
        unsubscribeToken: newToken(),
        createdAt: now,
      },
    });
    await recordAudit(tx, actor, {
      action: 'subscriber.create',
      targetType: 'subscriber',
      targetId: subscriber.id,
      summary: `Subscribed the webhook ${new URL(data.endpoint!).host} to ${componentIds.length ? `${componentIds.length} component(s)` : 'all components'}`,
    });
    return subscriber;
  });
}

export async function readSubscriber(db: Db, id: string, actor: Actor): Promise<SubscriberRow> {
  requirePermission(actor, 'subscribers.manage');
  const subscriber = await db.subscriber.findUnique({ where: { id } });
  if (!subscriber) throw notFound('subscriber', id);
  return subscriber;
}

export interface SubscriberFilter {
  mode?: SubscriberMode;
  state?: SubscriberState;
}

const whereOf = ({ mode, state = 'all' }: SubscriberFilter): Prisma.SubscriberWhereInput => ({ ...STATE_FILTERS[state], ...(mode && { mode }) });

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
      summary: `Unsubscribed the ${subscriber.mode} ${subscriber.endpoint ? new URL(subscriber.endpoint).host : subscriber.email}`,
    });
    return subscriber;
  });
}
