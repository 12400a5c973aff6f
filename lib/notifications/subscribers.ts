import { getEnv } from '../env.ts';

// Who gets what: the rules the outbox and the worker share about subscribers.

export const SUBSCRIBER_MODES = ['email', 'webhook', 'slack', 'discord', 'teams'] as const;
export type SubscriberMode = (typeof SUBSCRIBER_MODES)[number];

export const MODE_LABELS: Record<SubscriberMode, string> = { email: 'Email', webhook: 'Webhook', slack: 'Slack', discord: 'Discord', teams: 'Microsoft Teams' };

/** A first path segment longer than this may be a token: only its start is shown. */
const SHOWN_SEGMENT = 16;

/**
 * An endpoint as an operator sees it: its host and the start of its path ("hooks.slack.com/services/…"),
 * never the rest, where Slack, Discord and Teams keep the key, nor the query or credentials.
 */
export function endpointShown(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'an endpoint that is not a URL';
  }
  const [first, ...rest] = url.pathname.split('/').filter(Boolean);
  if (!first) return `${url.host}${url.search ? '/?…' : ''}`;
  if (first.length > SHOWN_SEGMENT) return `${url.host}/${first.slice(0, 4)}…`;
  return `${url.host}/${first}${rest.length ? '/…' : url.search ? '?…' : ''}`;
}

/** Whom a subscriber is: its address, or its endpoint as shown. */
export const subscriberShown = (subscriber: { mode: string; email: string | null; endpoint: string | null }) =>
  subscriber.mode === 'email' ? (subscriber.email ?? 'an address') : endpointShown(subscriber.endpoint ?? '');

/** A subscriber named for a person (the audit log, its own pages): its address, or "Slack at hooks.slack.com/services/…". */
export const subscriberNamed = (subscriber: { mode: string; email: string | null; endpoint: string | null }) =>
  subscriber.mode === 'email' ? subscriberShown(subscriber) : `${MODE_LABELS[subscriber.mode as SubscriberMode] ?? subscriber.mode} at ${subscriberShown(subscriber)}`;

/**
 * What a notification is: the first three go to the subscribers they concern (fanned out by the
 * worker); a confirmation or a manage link is one email to one address, written with its delivery.
 */
export const NOTIFICATION_KINDS = ['incident_update', 'component_update', 'incident_component_update', 'maintenance_reminder', 'confirmation', 'manage_link'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
/** The kinds fanned out to subscribers. */
export type FannedOutKind = Extract<NotificationKind, 'incident_update' | 'component_update' | 'incident_component_update' | 'maintenance_reminder'>;

/**
 * How long a component's status change waits before it goes out. A monitor's change is followed at
 * once by the incident step it causes (a write of its own, so a crash between the two leaves nothing
 * undone); people who hear of the change in that incident's update need not hear of it twice.
 */
export const COMPONENT_SETTLE_MS = 5_000;

/** Whether email subscription is on: only with a mail server to send through (SMTP_URL). */
export const emailEnabled = () => Boolean(getEnv().SMTP_URL);

/** The modes sent to now: email only while SMTP_URL is set (what is posted while it is not never reaches them). */
export const sendableModes = (): SubscriberMode[] => SUBSCRIBER_MODES.filter((mode) => mode !== 'email' || emailEnabled());

/** Confirmed and not quarantined: the subscribers that are sent anything. */
export const ACTIVE_SUBSCRIBER = { confirmedAt: { not: null }, quarantinedAt: null } as const;

/**
 * A subscriber's components as stored (JSON text): null means all of them; an empty list, none left
 * (every one chosen was deleted since: page-wide incidents only, never all of them).
 */
export function componentIdsOf(stored: string | null): string[] | null {
  return stored ? (JSON.parse(stored) as string[]) : null;
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
 * chose, so a subscriber to everything hears of an outage through its incident, not each flap, and
 * only for changes no incident update made (`incident_component_update`): those they hear of in the
 * update itself, once. Maintenance reminders: people, not machines (Statuspage's webhooks have no such body).
 */
export function receives(mode: SubscriberMode, follows: string[] | null, kind: FannedOutKind, about: string[]): boolean {
  if (kind === 'incident_update') return concerns(follows, about);
  if (kind === 'maintenance_reminder') return mode !== 'webhook' && concerns(follows, about);
  if (mode === 'webhook') return concerns(follows, about);
  return kind === 'component_update' && follows !== null && about.some((id) => follows.includes(id));
}
