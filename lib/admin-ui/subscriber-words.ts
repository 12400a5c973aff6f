// Subscribers' states and their deliveries in the words the admin shows (whom they are: subscribers.ts): never a secret (a chat endpoint's
// path is its key, a webhook's may be), never an id, times in the page's zone.
import { STATUS_CODES } from 'node:http';
import { endpointShown } from '../notifications/subscribers.ts';
import { componentStatusLabel, updateStatusLabel } from '../schemas/status.ts';
import type { SubscriberState } from '../schemas/subscriber.ts';
import { dayKey, formatDateTime, formatDay } from '../time.ts';

const ISO_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g;

/** A stored sentence (a quarantine's reason, a delivery's error) with the endpoint as shown and times in the page's zone. */
export function storedSentenceShown(text: string, endpoint: string | null, timeZone: string): string {
  const hidden = endpoint ? text.replaceAll(endpoint, endpointShown(endpoint)) : text;
  return hidden.replace(ISO_TIME, (iso) => formatDateTime(iso, timeZone));
}

export type SubscriberStateKind = 'active' | 'unconfirmed' | 'quarantined';

interface SubscriberStateFields {
  endpoint: string | null;
  confirmedAt: Date | null;
  confirmExpiresAt: Date | null;
  failingSince: Date | null;
  quarantinedAt: Date | null;
  quarantineReason: string | null;
}

/** "Confirmed Dec 3, 2026", "Waiting for confirmation, link expires …", "Quarantined since …: <reason>". */
export function subscriberStateInWords(subscriber: SubscriberStateFields, now: Date, timeZone: string): { kind: SubscriberStateKind; words: string } {
  const when = (date: Date) => formatDateTime(date, timeZone);
  if (subscriber.quarantinedAt) {
    const reason = subscriber.quarantineReason ? `: ${storedSentenceShown(subscriber.quarantineReason, subscriber.endpoint, timeZone)}` : '';
    return { kind: 'quarantined', words: `Quarantined since ${when(subscriber.quarantinedAt)}${reason}. Nothing more is sent to it.` };
  }
  if (!subscriber.confirmedAt) {
    const expires = subscriber.confirmExpiresAt;
    if (!expires) return { kind: 'unconfirmed', words: 'Waiting for confirmation' };
    return {
      kind: 'unconfirmed',
      words: expires > now ? `Waiting for confirmation, link expires ${when(expires)}` : `Not confirmed: the link expired ${when(expires)}, and the address is removed soon`,
    };
  }
  const failing = subscriber.failingSince ? `; sending to it has failed since ${when(subscriber.failingSince)}` : '';
  return { kind: 'active', words: `Confirmed ${formatDay(dayKey(subscriber.confirmedAt, timeZone))}${failing}` };
}

/** The body fields the delivery log names a notification by (shared/STATUSPAGE_API.md's webhook bodies). */
interface PayloadNames {
  incident?: { name?: string; impact?: string; status?: string; incident_updates?: { status?: string; body?: string }[] };
  component?: { name?: string };
  component_update?: { old_status?: string; new_status?: string };
}

const EXCERPT_LENGTH = 60;

/** The start of an update's message, its markdown marks left out: enough to tell two updates apart. */
function excerpt(markdown: string): string {
  const line = markdown.replace(/[*_`#>[\]]/g, '').replace(/\s+/g, ' ').trim();
  if (line.length <= EXCERPT_LENGTH) return line;
  // Cut at a word's end, not inside one.
  const cut = line.slice(0, EXCERPT_LENGTH);
  return `${cut.slice(0, cut.lastIndexOf(' ') > EXCERPT_LENGTH / 2 ? cut.lastIndexOf(' ') : EXCERPT_LENGTH).replace(/[\s,;:.]+$/, '')}…`;
}

/** What a notification said, in words: its kind and the incident or component it was about. */
export function notificationInWords(kind: string, payload: string | null): string {
  if (kind === 'confirmation') return 'Confirmation link';
  if (kind === 'manage_link') return 'Link to manage the subscription';
  const body = JSON.parse(payload ?? '{}') as PayloadNames;
  if (kind === 'component_update' || kind === 'incident_component_update') {
    const change = body.component_update;
    return `Component status: ${body.component?.name ?? 'a component'}, ${componentStatusLabel(change?.old_status ?? '').toLowerCase()} → ${componentStatusLabel(change?.new_status ?? '').toLowerCase()}`;
  }
  const incident = body.incident;
  const name = incident?.name ?? 'an incident';
  if (kind === 'maintenance_reminder') return `Maintenance reminder: ${name}`;
  const update = incident?.incident_updates?.[0];
  const status = update?.status ?? incident?.status;
  return `${incident?.impact === 'maintenance' ? 'Maintenance' : 'Incident'} update: ${name}${status ? ` (${updateStatusLabel(status)})` : ''}${update?.body ? `: “${excerpt(update.body)}”` : ''}`;
}

export type DeliveryTone = 'delivered' | 'pending' | 'failing' | 'failed';

interface DeliveryStateFields {
  status: string;
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil: Date | null;
  deliveredAt: Date | null;
}

const attemptsInWords = (attempts: number) => `${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}`;

/** "Delivered …", "Sending now", "Failing: next attempt …", "Given up". */
export function deliveryStateInWords(delivery: DeliveryStateFields, now: Date, timeZone: string): { tone: DeliveryTone; words: string } {
  const when = (date: Date) => formatDateTime(date, timeZone, { seconds: true });
  if (delivery.status === 'delivered') {
    return { tone: 'delivered', words: `Delivered ${delivery.deliveredAt ? when(delivery.deliveredAt) : ''}${delivery.attempts > 1 ? `, after ${attemptsInWords(delivery.attempts)}` : ''}`.trim() };
  }
  if (delivery.status === 'failed') return { tone: 'failed', words: `Given up after ${attemptsInWords(delivery.attempts)}` };
  if (delivery.leaseUntil && delivery.leaseUntil > now) return { tone: delivery.attempts ? 'failing' : 'pending', words: `Sending now${delivery.attempts ? ` (${attemptsInWords(delivery.attempts)} before)` : ''}` };
  if (!delivery.attempts) return { tone: 'pending', words: delivery.nextAttemptAt > now ? `Waiting, to be sent ${when(delivery.nextAttemptAt)}` : 'Waiting to be sent' };
  return { tone: 'failing', words: `Failing: next attempt ${delivery.nextAttemptAt > now ? when(delivery.nextAttemptAt) : 'now'} (${attemptsInWords(delivery.attempts)} so far)` };
}

/** What an HTTP status says about the receiver, for the operator deciding what to do. */
function statusMeaning(status: number): string {
  if (status === 404) return 'nothing is at that address: check the URL';
  if (status === 410) return 'the receiver says the address is gone for good: remove this subscriber';
  if (status === 401 || status === 403) return 'the receiver refused it: it may expect credentials, or check signatures with another secret';
  if (status === 413) return 'the receiver found the body too large';
  if (status === 429) return 'the receiver asks for fewer requests';
  if (status >= 300 && status < 400) return 'the receiver points elsewhere, and redirects are not followed: subscribe the address it points to';
  if (status >= 500) return 'the receiver failed on its side';
  return 'the receiver refused it';
}

/** A delivery's last error as a sentence, with the HTTP status and what it means. */
export function deliveryErrorInWords(lastError: string | null, lastStatus: number | null, endpoint: string | null, timeZone: string): string | null {
  if (!lastError) return null;
  const error = storedSentenceShown(lastError, endpoint, timeZone);
  const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${text.endsWith('.') ? '' : '.'}`;
  // The worker's words start with the status when an answer came ("HTTP 500", "HTTP 301, redirecting to …").
  if (lastStatus === null || !error.startsWith(`HTTP ${lastStatus}`)) return sentence(error);
  const reason = STATUS_CODES[lastStatus];
  const answered = `The receiver answered HTTP ${lastStatus}${reason ? ` ${reason}` : ''}`;
  return sentence(`${answered}: ${error === `HTTP ${lastStatus}` ? statusMeaning(lastStatus) : error.replace(/^HTTP \d+,\s*/, '')}`);
}

/** The list's states in words: its filter's choices and its counts. */
export const STATE_LABELS: Record<SubscriberState, string> = { all: 'Any state', active: 'Active', unconfirmed: 'Waiting for confirmation', quarantined: 'Quarantined' };

/** What a subscriber follows, in words: the components' names, or what all (null) and none left ([]) mean. */
export function followedInWords(names: string[] | null): string {
  if (!names) return 'All components';
  return names.length ? names.join(', ') : 'None left: the components chosen were deleted (page-wide incidents only)';
}
