// Who gets what: the rules the outbox and the worker share about subscribers.

export const SUBSCRIBER_MODES = ['email', 'webhook', 'slack', 'discord', 'teams'] as const;
export type SubscriberMode = (typeof SUBSCRIBER_MODES)[number];

/** The modes the worker can send today; others are kept but sent nothing until it can. */
export const SENDABLE_MODES: readonly SubscriberMode[] = ['webhook'];

/** Confirmed and not quarantined: the subscribers that are sent anything. */
export const ACTIVE_SUBSCRIBER = { confirmedAt: { not: null }, quarantinedAt: null } as const;

/** A subscriber's components as stored (JSON text); null means all of them. */
export function componentIdsOf(stored: string | null): string[] | null {
  if (!stored) return null;
  const ids = JSON.parse(stored) as string[];
  return ids.length ? ids : null;
}

/** Whether a notification about `about` (component ids) concerns a subscriber following `follows` (null: all). */
export function concerns(follows: string[] | null, about: string[]): boolean {
  return follows === null || about.some((id) => follows.includes(id));
}
