// What the admin's subscriber pages show, read in one place: the list with its counts, one
// subscriber, the delivery log. Rows go to the pages already in words (subscriber-words.ts): the
// pages never see an endpoint's secret part, nor a confirmation link.
import { requirePermission, type Actor } from '../access/permissions.ts';
import type { Db } from '../db/client.ts';
import type { Prisma } from '../generated/sqlite/client.ts';
import { countSubscribers, listSubscribers, readSubscriber, type SubscriberFilter, type SubscriberRow } from '../notifications/manage-subscribers.ts';
import { componentIdsOf, emailEnabled, SUBSCRIBER_MODES, type SubscriberMode } from '../notifications/subscribers.ts';
import { pageTimeZone } from '../page/page-settings.ts';
import { subscriberModeSchema, subscriberStateSchema, type SubscriberState } from '../schemas/subscriber.ts';
import { formatDateTime } from '../time.ts';
import { MODE_LABELS, subscriberShown } from '../notifications/subscribers.ts';
import { deliveryErrorInWords, deliveryStateInWords, followedInWords, notificationInWords, subscriberStateInWords } from './subscriber-words.ts';

export const SUBSCRIBERS_PER_PAGE = 50;
export const DELIVERIES_PER_PAGE = 50;
/** Page numbers past this are read as the last one anyone could mean. */
const MAX_PAGE = 100_000;

type SearchParams = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const pageOf = (params: SearchParams) => Math.min(Math.max(Math.floor(Number(first(params.page))) || 1, 1), MAX_PAGE);

export interface SubscriberQuery extends SubscriberFilter {
  state: SubscriberState;
  page: number;
}

/** The list's GET form as the verbs take it: a value the form never offers is read as no filter. */
export function subscriberQueryOf(params: SearchParams): SubscriberQuery {
  const mode = subscriberModeSchema.safeParse(first(params.mode));
  const state = subscriberStateSchema.safeParse(first(params.state));
  const search = first(params.q)?.trim().slice(0, 320);
  return { mode: mode.success ? mode.data : undefined, state: state.success ? state.data : 'all', search: search || undefined, page: pageOf(params) };
}

/** The delivery log's GET form: failures only, and the page. */
export const deliveryQueryOf = (params: SearchParams) => ({ failuresOnly: first(params.failures) === '1', page: pageOf(params) });

/** A subscriber as a row of the list: all in words, with what may be done to it. */
export interface SubscriberListRow {
  id: string;
  shown: string;
  modeLabel: string;
  components: string;
  state: ReturnType<typeof subscriberStateInWords>;
  created: string;
  /** An unconfirmed address can be sent a new link (while there is a mail server to send it through). */
  canResend: boolean;
}

async function componentNamesById(db: Db) {
  return new Map((await db.component.findMany({ select: { id: true, name: true } })).map((component) => [component.id, component.name]));
}

function toListRow(subscriber: SubscriberRow, names: Map<string, string>, now: Date, timeZone: string): SubscriberListRow {
  const follows = componentIdsOf(subscriber.componentIds);
  return {
    id: subscriber.id,
    shown: subscriberShown(subscriber),
    modeLabel: MODE_LABELS[subscriber.mode as SubscriberMode] ?? subscriber.mode,
    components: followedInWords(follows && follows.map((id) => names.get(id) ?? 'a deleted component')),
    state: subscriberStateInWords(subscriber, now, timeZone),
    created: formatDateTime(subscriber.createdAt, timeZone),
    canResend: subscriber.mode === 'email' && !subscriber.confirmedAt && emailEnabled(),
  };
}

const countedStates = ['active', 'unconfirmed', 'quarantined'] as const;

/** The list page: counts by state and by mode, one page of the subscribers the filter matches, and how many it matches. */
export async function readSubscribersPage(db: Db, actor: Actor, query: SubscriberQuery, now = new Date()) {
  const filter = { mode: query.mode, state: query.state, search: query.search };
  const [rows, matching, byState, byMode, names, timeZone] = await Promise.all([
    listSubscribers(db, actor, { ...filter, limit: SUBSCRIBERS_PER_PAGE, page: query.page }),
    countSubscribers(db, actor, filter),
    Promise.all(countedStates.map((state) => countSubscribers(db, actor, { state }))),
    Promise.all(SUBSCRIBER_MODES.map((mode) => countSubscribers(db, actor, { mode }))),
    componentNamesById(db),
    pageTimeZone(db),
  ]);
  return {
    rows: rows.map((row) => toListRow(row, names, now, timeZone)),
    matching,
    pages: Math.max(1, Math.ceil(matching / SUBSCRIBERS_PER_PAGE)),
    byState: countedStates.map((state, index) => ({ state, count: byState[index] })),
    byMode: SUBSCRIBER_MODES.map((mode, index) => ({ mode, label: MODE_LABELS[mode], count: byMode[index] })),
    timeZone,
  };
}

/** The components a subscriber may choose, in name order, as the add form's checkboxes. */
export async function readSubscriberFormChoices(db: Db) {
  const components = await db.component.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } });
  return components.map((component) => ({ value: component.id, label: component.name }));
}

/** One subscriber's page: the list's row, where it came from, and whether it is quarantined. */
export async function readSubscriberDetail(db: Db, actor: Actor, id: string, now = new Date()) {
  const [subscriber, names, timeZone] = await Promise.all([readSubscriber(db, id, actor), componentNamesById(db), pageTimeZone(db)]);
  return {
    ...toListRow(subscriber, names, now, timeZone),
    mode: subscriber.mode as SubscriberMode,
    origin: subscriber.source === 'page' ? 'subscribed on the public page' : 'added by an operator or through the API',
    timeZone,
  };
}

/** Failed for good, or failing and to be tried again: a delivery with an error on record (a success clears it). */
const FAILURES: Prisma.DeliveryWhereInput = { lastError: { not: null }, status: { in: ['pending', 'failed'] } };

/** The delivery log, newest first, a page at a time: of one subscriber, or of all. */
export async function readDeliveries(db: Db, actor: Actor, query: { subscriberId?: string; failuresOnly: boolean; page: number }, now = new Date()) {
  requirePermission(actor, 'subscribers.manage');
  const where: Prisma.DeliveryWhereInput = { ...(query.subscriberId && { subscriberId: query.subscriberId }), ...(query.failuresOnly && FAILURES) };
  const [rows, total, timeZone] = await Promise.all([
    db.delivery.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      take: DELIVERIES_PER_PAGE,
      skip: (query.page - 1) * DELIVERIES_PER_PAGE,
      select: {
        id: true,
        status: true,
        attempts: true,
        nextAttemptAt: true,
        leaseUntil: true,
        lastError: true,
        lastStatus: true,
        createdAt: true,
        deliveredAt: true,
        notification: { select: { kind: true, payload: true } },
        subscriber: { select: { id: true, mode: true, email: true, endpoint: true } },
      },
    }),
    db.delivery.count({ where }),
    pageTimeZone(db),
  ]);
  return {
    rows: rows.map((row) => ({
      id: row.id,
      when: formatDateTime(row.createdAt, timeZone, { seconds: true }),
      whenIso: row.createdAt.toISOString(),
      what: notificationInWords(row.notification.kind, row.notification.payload),
      subscriberId: row.subscriber.id,
      to: `${subscriberShown(row.subscriber)} (${MODE_LABELS[row.subscriber.mode as SubscriberMode] ?? row.subscriber.mode})`,
      state: deliveryStateInWords(row, now, timeZone),
      error: deliveryErrorInWords(row.lastError, row.lastStatus, row.subscriber.endpoint, timeZone),
    })),
    total,
    pages: Math.max(1, Math.ceil(total / DELIVERIES_PER_PAGE)),
    timeZone,
  };
}

export type DeliveryLogRow = Awaited<ReturnType<typeof readDeliveries>>['rows'][number];

/** The quarantined subscribers, newest first, with why and since when (the delivery log's head). */
export async function readQuarantined(db: Db, actor: Actor, now = new Date()) {
  const [rows, names, timeZone] = await Promise.all([listSubscribers(db, actor, { state: 'quarantined', limit: SUBSCRIBERS_PER_PAGE }), componentNamesById(db), pageTimeZone(db)]);
  return rows.map((row) => toListRow(row, names, now, timeZone));
}
