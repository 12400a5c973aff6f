import type { Metadata } from 'next';
import { PageShell } from '@/components/page-shell';
import { getReadPath } from '@/lib/read-path/instance';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Unsubscribed', robots: { index: false } };

export default async function UnsubscribedPage() {
  const { snapshot } = await getReadPath().get();
  return (
    <PageShell snapshot={snapshot}>
      <h1 className="text-2xl font-bold">You are unsubscribed</h1>
      <p role="status">Nothing more will be sent. The status of {snapshot.page.name} stays on this page whenever you want to look.</p>
      <p>
        <a href="/subscribe" className="underline">
          Subscribe again
        </a>
      </p>
    </PageShell>
  );
}
