import type { Metadata } from 'next';
import { PageShell } from '@/components/page-shell';
import { ConfirmForm } from '@/components/subscriptions/subscribe-forms';
import { getDb } from '@/lib/db/client';
import { managePath } from '@/lib/notifications/payloads';
import { confirmationState } from '@/lib/notifications/public-subscribe';
import { getReadPath } from '@/lib/read-path/instance';

export const dynamic = 'force-dynamic';

// The token in its address goes to no other site (and same-origin keeps the forms' Origin header).
export const metadata: Metadata = { title: 'Confirm your subscription', robots: { index: false }, referrer: 'same-origin' };

type Props = { params: Promise<{ token: string }> };

// Confirmed by a button, not by opening the link: mail scanners open links, people press buttons.
export default async function ConfirmPage({ params }: Props) {
  const { token } = await params;
  const { snapshot } = await getReadPath().get();
  const state = await confirmationState(getDb(), token);
  return (
    <PageShell snapshot={snapshot}>
      <h1 className="text-2xl font-bold">Confirm your subscription</h1>
      {state.kind === 'unknown' || state.kind === 'expired' ? (
        <p>
          {state.kind === 'expired' ? 'This link has expired: confirmation links work for 48 hours.' : 'This link does not work any more: a newer one was sent, or the subscription was removed.'}{' '}
          <a href="/subscribe" className="underline">
            Subscribe again
          </a>{' '}
          to get a new one.
        </p>
      ) : state.kind === 'confirmed' ? (
        // Also what the confirming post shows without JavaScript: the page drawn afresh.
        <p role="status">
          {state.email} is subscribed: the next update will reach it. Every email has a link to change or stop them, or <a href={managePath(state.manageToken)} className="underline">change what you get now</a>.
        </p>
      ) : (
        <ConfirmForm token={token} email={state.email} />
      )}
    </PageShell>
  );
}
