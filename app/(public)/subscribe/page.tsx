import type { Metadata } from 'next';
import { PageShell } from '@/components/page-shell';
import { componentChoiceGroups } from '@/components/subscriptions/component-choice';
import { EmailSubscribeForm, EndpointSubscribeForm } from '@/components/subscriptions/subscribe-forms';
import { emailEnabled } from '@/lib/notifications/subscribers';
import { getReadPath } from '@/lib/read-path/instance';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const { snapshot } = await getReadPath().get();
  return { title: `Subscribe to updates · ${snapshot.page.name} Status`, robots: { index: false } };
}

export default async function SubscribePage() {
  const { snapshot } = await getReadPath().get();
  const groups = componentChoiceGroups(snapshot);
  return (
    <PageShell snapshot={snapshot}>
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Subscribe to updates</h1>
        <p className="text-slate-600 dark:text-slate-300">Hear about incidents and planned maintenance of {snapshot.page.name} as they are posted, without coming back to look.</p>
      </div>
      {emailEnabled() && <EmailSubscribeForm groups={groups} />}
      <EndpointSubscribeForm groups={groups} open={!emailEnabled()} />
      <section aria-labelledby="other-ways" className="space-y-2 text-sm">
        <h2 id="other-ways" className="text-lg font-semibold">
          Other ways to follow
        </h2>
        <ul className="list-inside list-disc space-y-1">
          <li>
            A feed reader: <a className="underline" href="/history.atom">Atom</a> or <a className="underline" href="/history.rss">RSS</a>
          </li>
          <li>
            Your calendar: <a className="underline" href="/maintenance.ics">planned maintenance (iCalendar)</a>
          </li>
          <li>
            Your own tools: <a className="underline" href="/api/v2/summary.json">the status as JSON</a>
          </li>
        </ul>
      </section>
    </PageShell>
  );
}
