import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DeliveryFilter, DeliveryLog } from '@/components/admin/delivery-log';
import { Pager } from '@/components/admin/pager';
import { ReadOnlyPage } from '@/components/admin/read-only-notice';
import { SubscriberActions, SubscriberState } from '@/components/admin/subscriber-forms';
import { deliveryQueryOf, readDeliveries, readSubscriberDetail } from '@/lib/admin-ui/subscriber-reads';
import { requireOperator } from '@/lib/admin-ui/require-operator';
import { can, operatorActor } from '@/lib/access/permissions';
import { getDb } from '@/lib/db/client';
import { asAppError } from '@/lib/errors';

export const metadata: Metadata = { title: 'Subscriber' };

export default async function SubscriberPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const operator = await requireOperator();
  if (!can(operator.role, 'subscribers.manage')) return <ReadOnlyPage title="Subscriber" permission="subscribers.manage" />;
  const db = getDb();
  const actor = operatorActor(operator);
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const subscriber = await readSubscriberDetail(db, actor, id).catch((error) => {
    if (asAppError(error)?.code === 'not_found') notFound();
    throw error;
  });
  const query = deliveryQueryOf(search);
  const log = await readDeliveries(db, actor, { ...query, subscriberId: id });
  const link = (page: number) => `/admin/subscribers/${id}?${new URLSearchParams({ ...(query.failuresOnly && { failures: '1' }), page: String(page) })}`;
  return (
    <>
      <div className="space-y-1">
        <p className="text-sm">
          <a href="/admin/subscribers" className="underline">
            Subscribers
          </a>
        </p>
        <h1 className="text-2xl font-bold break-words">{subscriber.shown}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {subscriber.modeLabel} · {subscriber.origin}, {subscriber.created}
        </p>
      </div>
      <dl className="grid gap-3 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-xs text-slate-600 dark:text-slate-400">Follows</dt>
          <dd>{subscriber.components}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-600 dark:text-slate-400">State</dt>
          <dd>
            <SubscriberState state={subscriber.state} />
          </dd>
        </div>
      </dl>
      <SubscriberActions row={subscriber} />
      <section aria-labelledby="log" className="space-y-3">
        <h2 id="log" className="text-lg font-semibold">
          {query.failuresOnly ? 'Failed deliveries' : 'Deliveries'}
        </h2>
        <DeliveryFilter action={`/admin/subscribers/${id}`} failuresOnly={query.failuresOnly} />
        {log.total > 0 && <p className="text-sm text-slate-600 dark:text-slate-400">Times in {log.timeZone}.</p>}
        <DeliveryLog rows={log.rows} showTo={false} empty={query.failuresOnly ? 'No failures.' : 'Nothing has been sent to it yet.'} />
        {log.total > 0 && <Pager label="Delivery pages" page={query.page} pages={log.pages} count={`${log.total} ${log.total === 1 ? 'delivery' : 'deliveries'}`} link={link} />}
      </section>
    </>
  );
}
