import type { Metadata } from 'next';
import { PageShell } from '@/components/page-shell';
import { componentChoiceGroups } from '@/components/subscriptions/component-choice';
import { ManageForm } from '@/components/subscriptions/subscribe-forms';
import { UnsubscribeButton } from '@/components/subscriptions/unsubscribe-button';
import { getDb } from '@/lib/db/client';
import { subscriptionByToken } from '@/lib/notifications/public-subscribe';
import { componentIdsOf, subscriberNamed } from '@/lib/notifications/subscribers';
import { getReadPath } from '@/lib/read-path/instance';

export const dynamic = 'force-dynamic';

// The token in its address goes to no other site (and same-origin keeps the forms' Origin header).
export const metadata: Metadata = { title: 'Your subscription', robots: { index: false }, referrer: 'same-origin' };

type Props = { params: Promise<{ token: string }> };

export default async function ManageSubscriptionPage({ params }: Props) {
  const { token } = await params;
  const { snapshot } = await getReadPath().get();
  const subscription = await subscriptionByToken(getDb(), token);
  return (
    <PageShell snapshot={snapshot}>
      <h1 className="text-2xl font-bold">Your subscription</h1>
      {!subscription ? (
        <p>
          This subscription no longer exists: it was unsubscribed. <a href="/subscribe" className="underline">Subscribe again</a>.
        </p>
      ) : (
        <>
          <p>
            Updates from {snapshot.page.name} go to <strong>{subscriberNamed(subscription)}</strong>.
          </p>
          {componentIdsOf(subscription.componentIds)?.length === 0 && (
            <p>The components you chose have been removed from the page: you are told only of incidents about the whole page. Choose others below, or none for all of them.</p>
          )}
          <ManageForm token={token} groups={componentChoiceGroups(snapshot)} chosen={componentIdsOf(subscription.componentIds) ?? []} />
          <section aria-labelledby="stop" className="space-y-2">
            <h2 id="stop" className="text-lg font-semibold">
              Stop all updates
            </h2>
            <UnsubscribeButton token={token} />
          </section>
        </>
      )}
    </PageShell>
  );
}
