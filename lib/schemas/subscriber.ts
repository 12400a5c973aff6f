import { z } from 'zod';
import { SUBSCRIBER_MODES } from '../notifications/subscribers.ts';
import { componentIdsSchema } from './component.ts';

export const subscriberModeSchema = z.enum(SUBSCRIBER_MODES);

/** Where a webhook is posted: an http(s) URL; any other scheme is refused at input. */
export const webhookEndpointSchema = z
  .string()
  .trim()
  .max(2000)
  .pipe(z.url({ protocol: /^https?$/, hostname: z.regexes.hostname, error: 'must be an http:// or https:// URL, like https://example.com/hooks/status' }));

/** An email address as people type it: spaces around it are dropped. */
export const emailAddressSchema = z.string().trim().max(320).pipe(z.email({ error: 'must be an email address, like ann@example.com' }));

export const subscriberCreateSchema = z.object({
  mode: subscriberModeSchema,
  email: emailAddressSchema.optional(),
  endpoint: webhookEndpointSchema.optional(),
  /** The components it follows; none (or empty) for all. */
  componentIds: componentIdsSchema.optional(),
});
export type SubscriberCreateInput = z.input<typeof subscriberCreateSchema>;

/** Filters of the list and the count. `active`: confirmed and not quarantined. */
export const SUBSCRIBER_STATES = ['active', 'unconfirmed', 'quarantined', 'all'] as const;
export const subscriberStateSchema = z.enum(SUBSCRIBER_STATES);
export type SubscriberState = z.infer<typeof subscriberStateSchema>;
