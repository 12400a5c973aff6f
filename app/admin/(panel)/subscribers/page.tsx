import type { Metadata } from 'next';
import { Notice, SECONDARY_BUTTON, Select, TextField } from '@/components/admin/fields';
import { Pager } from '@/components/admin/pager';
import { ReadOnlyPage } from '@/components/admin/read-only-notice';
import { EmailOffNotice, LocalLinksNotice, SubscriberCounts } from '@/components/admin/subscriber-parts';
import { AddSubscriberForm, SubscriberList } from '@/components/admin/subscriber-forms';
import { readSubscriberFormChoices, readSubscribersPage, subscriberQueryOf } from '@/lib/admin-ui/subscriber-reads';
import { STATE_LABELS } from '@/lib/admin-ui/subscriber-words';
import { MODE_LABELS } from '@/lib/notifications/subscribers';
import { requireOperator } from '@/lib/admin-ui/require-operator';
import { can, operatorActor } from '@/lib/access/permissions';
import { getDb } from '@/lib/db/client';
import { emailEnabled, SUBSCRIBER_MODES } from '@/lib/notifications/subscribers';
import { linksReachedOnlyHere } from '@/lib/page/page-settings';
import { SUBSCRIBER_STATES } from '@/lib/schemas/subscriber';

export const metadata: Metadata = { title: 'Subscribers' };

type Search = Record<string, string | string[] | undefined>;

export default async function SubscribersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const operator = await requireOperator();
  if (!can(operator.role, 'subscribers.manage')) return <ReadOnlyPage title="Subscribers" permission="subscribers.manage" />;
  const db = getDb();
  const params = await searchParams;
  const query = subscriberQueryOf(params);
  const [list, components, localLinks] = await Promise.all([readSubscribersPage(db, operatorActor(operator), query), readSubscriberFormChoices(db), linksReachedOnlyHere(db)]);
  const email = emailEnabled();
  const filtered = Boolean(query.mode || query.state !== 'all' || query.search);
  const link = (page: number) =>
    `/admin/subscribers?${new URLSearchParams({ ...(query.search && { q: query.search }), ...(query.mode && { mode: query.mode }), ...(query.state !== 'all' && { state: query.state }), page: String(page) })}`;
  const emailCount = list.byMode.find((entry) => entry.mode === 'email')?.count ?? 0;
  return (
    <>
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">Subscribers</h1>
        <p className="max-w-prose text-sm text-slate-600 dark:text-slate-400">
          Who is told of incidents, maintenance and component changes: people by email or in a chat channel, other systems by webhook.
        </p>
        <p className="flex flex-wrap gap-x-4 text-sm">
          <a href="/admin/subscribers/deliveries" className="underline">
            Delivery log
          </a>
          <a href="#add-subscriber" className="underline">
            Add a subscriber
          </a>
        </p>
      </div>
      {!email && <EmailOffNotice waiting={emailCount} />}
      {localLinks && <LocalLinksNotice {...localLinks} />}
      <Notice message={params.removed ? 'The subscriber was removed: it is sent nothing more, and its delivery log went with it.' : undefined} />
      <SubscriberCounts byState={list.byState} byMode={list.byMode} />
      <section aria-labelledby="list" className="space-y-3">
        <h2 id="list" className="text-lg font-semibold">
          {filtered ? 'Matching subscribers' : 'All subscribers'}
        </h2>
        <form method="get" action="/admin/subscribers" className="flex flex-wrap items-end gap-3 text-sm" aria-label="Search and filter subscribers">
          <div className="min-w-48 flex-1">
            <TextField id="search-q" name="q" type="search" label="Address or endpoint" defaultValue={query.search} placeholder="part of one, e.g. example.com" />
          </div>
          {/* Full width on a phone, their own width beside the search box on a desktop. */}
          <div className="w-full sm:w-auto">
            <Select id="search-mode" name="mode" label="Kind" defaultValue={query.mode ?? ''} options={[{ value: '', label: 'Any kind' }, ...SUBSCRIBER_MODES.map((mode) => ({ value: mode, label: MODE_LABELS[mode] }))]} />
          </div>
          <div className="w-full sm:w-auto">
            <Select id="search-state" name="state" label="State" defaultValue={query.state} options={SUBSCRIBER_STATES.map((state) => ({ value: state, label: STATE_LABELS[state] }))} />
          </div>
          <button type="submit" className={`${SECONDARY_BUTTON} py-2`}>
            Search
          </button>
          {filtered && (
            <a href="/admin/subscribers" className="py-2 underline">
              Show all
            </a>
          )}
        </form>
        {list.rows.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{filtered ? 'No subscriber matches.' : 'Nobody has subscribed yet.'}</p>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">Times in {list.timeZone}.</p>
        )}
        <SubscriberList rows={list.rows} />
        {list.matching > 0 && <Pager label="Subscriber pages" page={query.page} pages={list.pages} count={`${list.matching} ${list.matching === 1 ? 'subscriber' : 'subscribers'}`} link={link} />}
      </section>
      <section aria-labelledby="add-subscriber" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
        <h2 id="add-subscriber" className="text-lg font-semibold">
          Add a subscriber
        </h2>
        <AddSubscriberForm modes={SUBSCRIBER_MODES.filter((mode) => email || mode !== 'email').map((mode) => ({ value: mode, label: MODE_LABELS[mode] }))} components={components} />
      </section>
    </>
  );
}
