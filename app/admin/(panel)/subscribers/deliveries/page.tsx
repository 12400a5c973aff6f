import type { Metadata } from 'next';
import { BackLink } from '@/components/admin/back-link';
import { DeliveryLogSection } from '@/components/admin/delivery-log';
import { ReadOnlyPage } from '@/components/admin/read-only-notice';
import { SubscriberState } from '@/components/admin/subscriber-forms';
import { deliveryQueryOf, readDeliveries, readQuarantined } from '@/lib/admin-ui/subscriber-reads';
import { requireOperator } from '@/lib/admin-ui/require-operator';
import { can, operatorActor } from '@/lib/access/permissions';
import { getDb } from '@/lib/db/client';

export const metadata: Metadata = { title: 'Delivery log' };

export default async function DeliveriesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const operator = await requireOperator();
  if (!can(operator.role, 'subscribers.manage')) return <ReadOnlyPage title="Delivery log" permission="subscribers.manage" />;
  const db = getDb();
  const actor = operatorActor(operator);
  const query = deliveryQueryOf(await searchParams);
  const [log, quarantined] = await Promise.all([readDeliveries(db, actor, query), readQuarantined(db, actor)]);
  return (
    <>
      <div className="space-y-1">
        <BackLink href="/admin/subscribers" label="Subscribers" />
        <h1 className="text-2xl font-bold">Delivery log</h1>
        <p className="max-w-prose text-sm text-slate-600 dark:text-slate-400">
          Every notification sent to each subscriber, newest first. A failed send is tried again after 10 seconds, then less and less often; an endpoint failing for 3 days is quarantined and sent nothing more.
        </p>
      </div>
      {quarantined.length > 0 && (
        <section aria-labelledby="quarantined" className="space-y-2 rounded-lg border border-major/40 p-4">
          <h2 id="quarantined" className="font-semibold">
            Quarantined
          </h2>
          <ul className="space-y-2 text-sm">
            {quarantined.map((row) => (
              <li key={row.id}>
                <a href={`/admin/subscribers/${row.id}`} className="font-medium break-words underline">
                  {row.shown}
                </a>{' '}
                ({row.modeLabel})
                <SubscriberState state={row.state} />
              </li>
            ))}
          </ul>
          <p className="text-xs text-slate-600 dark:text-slate-400">Once the endpoint works again, remove the subscriber and add it afresh.</p>
        </section>
      )}
      <DeliveryLogSection path="/admin/subscribers/deliveries" query={query} log={log} titles={{ all: 'All deliveries', failures: 'Failures', none: 'Nothing has been sent yet.' }} showTo />
    </>
  );
}
