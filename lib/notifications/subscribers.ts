import { getEnv } from '../env.ts';

// Who gets what: the rules the outbox and the worker share about subscribers.

export const SUBSCRIBER_MODES = ['email', 'webhook', 'slack', 'discord', 'teams'] as const;
export type SubscriberMode = (typeof SUBSCRIBER_MODES)[number];

/** Each mode as people name it. */
export const MODE_NAMES: Record<SubscriberMode, string> = { email: 'email', webhook: 'webhook', slack: 'Slack', discord: 'Discord', teams: 'Microsoft Teams' };

/**
 * What a notification is: the first three go to the subscribers they concern (fanned out by the
 * worker); a confirmation or a manage link is one email to one address, written with its delivery.
 */
export const NOTIFICATION_KINDS = ['incident_update', 'component_update', 'maintenance_reminder', 'confirmation', 'manage_link'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
/** The kinds fanned out to subscribers. */
export type FannedOutKind = Extract<NotificationKind, 'incident_update' | 'component_update' | 'maintenance_reminder'>;

/** Whether email subscription is on: only with a mail server to send through (SMTP_URL). */
export const emailEnabled = () => Boolean(getEnv().SMTP_URL);

/** The modes sent to now: email only while SMTP_URL is set (its subscribers wait, sent nothing, while it is not). */
export const sendableModes = (): SubscriberMode[] => SUBSCRIBER_MODES.filter((mode) => mode !== 'email' || emailEnabled());

/** Confirmed and not quarantined: the subscribers that are sent anything. */
export const ACTIVE_SUBSCRIBER = { confirmedAt: { not: null }, quarantinedAt: null } as const;

/** A subscriber's components as stored (JSON text); null means all of them. */
export function componentIdsOf(stored: string | null): string[] | null {
  if (!stored) return null;
  const ids = JSON.parse(stored) as string[];
  return ids.length ? ids : null;
}

/**
 * Whether a notification about `about` (component ids) concerns a subscriber following `follows`
 * (null: all). One about no component (a page-wide incident) concerns everyone.
 */
export function concerns(follows: string[] | null, about: string[]): boolean {
  return follows === null || about.length === 0 || about.some((id) => follows.includes(id));
}

/**
 * Who is sent what. Incident and maintenance updates: everyone they concern. Component status
 * changes: webhooks as Statuspage sends them; people (email, chat) only for the components they
 * chose, so a subscriber to everything hears of an outage through its incident, not each flap.
 * Maintenance reminders: people, not machines (Statuspage's webhooks have no such body).
 */
export function receives(mode: SubscriberMode, follows: string[] | null, kind: FannedOutKind, about: string[]): boolean {
  if (kind === 'incident_update') return concerns(follows, about);
  if (kind === 'maintenance_reminder') return mode !== 'webhook' && concerns(follows, about);
  if (mode === 'webhook') return concerns(follows, about);
  return follows !== null && about.some((id) => follows.includes(id));
}
