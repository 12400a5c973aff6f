import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { BackLink } from '@/components/admin/back-link';
import { DeliveryLogSection } from '@/components/admin/delivery-log';
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
  return (
    <>
      <div className="space-y-1">
        <BackLink href="/admin/subscribers" label="Subscribers" />
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
      <DeliveryLogSection path={`/admin/subscribers/${id}`} query={query} log={log} titles={{ all: 'Deliveries', failures: 'Failed deliveries', none: 'Nothing has been sent to it yet.' }} showTo={false} />
    </>
  );
}
