import type { Metadata } from 'next';
import { PageShell } from '@/components/page-shell';
import { UnsubscribeButton } from '@/components/subscriptions/unsubscribe-button';
import { getDb } from '@/lib/db/client';
import { managePath } from '@/lib/notifications/payloads';
import { subscriptionByToken } from '@/lib/notifications/public-subscribe';
import { subscriberNamed } from '@/lib/notifications/subscribers';
import { getReadPath } from '@/lib/read-path/instance';

export const dynamic = 'force-dynamic';

// The token in its address goes to no other site (and same-origin keeps the forms' Origin header).
export const metadata: Metadata = { title: 'Unsubscribe', robots: { index: false }, referrer: 'same-origin' };

type Props = { params: Promise<{ token: string }> };

// Unsubscribed by a button, not by opening the link: mail scanners open links. Mail clients that
// offer one-click unsubscribe post to /api/unsubscribe/{token} themselves (List-Unsubscribe-Post).
export default async function UnsubscribePage({ params }: Props) {
  const { token } = await params;
  const { snapshot } = await getReadPath().get();
  const subscription = await subscriptionByToken(getDb(), token);
  return (
    <PageShell snapshot={snapshot}>
      <h1 className="text-2xl font-bold">Unsubscribe</h1>
      {!subscription ? (
        <p>You are unsubscribed: nothing more will be sent.</p>
      ) : (
        <>
          <p>
            Stop sending updates from {snapshot.page.name} to <strong>{subscriberNamed(subscription)}</strong>?
          </p>
          <UnsubscribeButton token={token} />
          <p className="text-sm">
            Or <a href={managePath(token)} className="underline">choose the components you hear about</a> instead.
          </p>
        </>
      )}
    </PageShell>
  );
}
