// Subscribers in the admin API, in the shapes of Statuspage's Manage API (shared/STATUSPAGE_API.md):
// the request bodies and queries, mapped onto lib's inputs, and the subscriber object.
import { z } from 'zod';
import type { Actor } from '../access/permissions.ts';
import type { Db } from '../db/client.ts';
import { countSubscribers, listSubscribers, readSubscriber, type SubscriberRow } from '../notifications/manage-subscribers.ts';
import { componentIdsOf } from '../notifications/subscribers.ts';
import { idSchema } from '../schemas/component.ts';
import { emailAddressSchema, subscriberModeSchema, subscriberStateSchema, webhookEndpointSchema, type SubscriberCreateInput } from '../schemas/subscriber.ts';
import { count, flag } from './request-schemas.ts';

const NO_STORE = { 'cache-control': 'no-store' };

/** `{"subscriber":{"endpoint"|"email", "mode", "component_ids", "skip_confirmation_notification"}}`; the mode follows from the field when not given. */
export const apiSubscriberCreateSchema = z
  .object({
    subscriber: z.strictObject({
      mode: subscriberModeSchema.optional(),
      email: emailAddressSchema.optional(),
      endpoint: webhookEndpointSchema.optional(),
      component_ids: z.array(idSchema).max(500).optional(),
      /** Email only: subscribe without the confirmation email (the operator vouches for the address). */
      skip_confirmation_notification: flag.optional(),
    }),
  })
  .superRefine(({ subscriber }, context) => {
    if (!subscriber.email && !subscriber.endpoint) context.addIssue({ code: 'custom', path: ['subscriber', 'endpoint'], message: 'give an endpoint (a webhook URL) or an email' });
    if (subscriber.email && subscriber.endpoint) context.addIssue({ code: 'custom', path: ['subscriber'], message: 'give an endpoint or an email, not both' });
  })
  .transform(({ subscriber }): { input: SubscriberCreateInput; skipConfirmation: boolean } => ({
    input: { mode: subscriber.mode ?? (subscriber.email ? 'email' : 'webhook'), email: subscriber.email, endpoint: subscriber.endpoint, componentIds: subscriber.component_ids },
    skipConfirmation: subscriber.skip_confirmation_notification ?? false,
  }));

/** `?type=webhook&state=active&q=example.com&limit=100&page=1` on the list; type, state and q on the count. */
export const subscriberQuerySchema = z.object({
  q: z.string().trim().min(1).max(320).optional(),
  type: subscriberModeSchema.optional(),
  state: subscriberStateSchema.optional(),
  limit: count.pipe(z.int().min(1).max(1000)).optional(),
  page: count.pipe(z.int().min(1).max(1_000_000)).optional(),
});

export const parseSubscriberQuery = (request: Request) => subscriberQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));

/** A subscriber as Statuspage's Manage API answers it, with the reason of a quarantine; `secret` only when just made. */
export function subscriberJson(subscriber: SubscriberRow, { withSecret = false } = {}) {
  return {
    id: subscriber.id,
    mode: subscriber.mode,
    email: subscriber.email,
    endpoint: subscriber.endpoint,
    components: componentIdsOf(subscriber.componentIds),
    created_at: subscriber.createdAt.toISOString(),
    confirmed_at: subscriber.confirmedAt?.toISOString() ?? null,
    quarantined_at: subscriber.quarantinedAt?.toISOString() ?? null,
    quarantine_reason: subscriber.quarantineReason,
    purge_at: subscriber.purgeAt?.toISOString() ?? null,
    ...(withSecret && { secret: subscriber.secret }),
  };
}

export function subscriberResponse(subscriber: SubscriberRow, status = 200, options: { withSecret?: boolean } = {}) {
  return Response.json(subscriberJson(subscriber, options), { status, headers: NO_STORE });
}

export async function subscribersResponse(db: Db, actor: Actor, request: Request) {
  const { type, state, q, limit, page } = parseSubscriberQuery(request);
  const rows = await listSubscribers(db, actor, { mode: type, state, search: q, limit, page });
  return Response.json(rows.map((row) => subscriberJson(row)), { headers: NO_STORE });
}

export async function subscriberCountResponse(db: Db, actor: Actor, request: Request) {
  const { type, state = 'active', q } = parseSubscriberQuery(request);
  return Response.json({ type: type ?? 'all', state, count: await countSubscribers(db, actor, { mode: type, state, search: q }) }, { headers: NO_STORE });
}

export async function oneSubscriberResponse(db: Db, actor: Actor, id: string) {
  return subscriberResponse(await readSubscriber(db, id, actor));
}
