import type { Metadata } from 'next';
import { ComponentList } from '@/components/component-list';
import { IncidentSummary } from '@/components/incident-parts';
import { PageShell } from '@/components/page-shell';
import { StatusBanner } from '@/components/status-banner';
import { getReadPath } from '@/lib/read-path/instance';
import { FEED_ALTERNATES } from '@/lib/feeds/history-feeds';
import { getFrontPage } from '@/lib/status/front-page';

// Rendered from the in-memory snapshot on each change (the custom server keeps the bytes).
export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const { snapshot } = await getReadPath().get();
  return {
    title: `${snapshot.page.name} Status`,
    description: `${snapshot.status.description}. Live status, uptime and incident history of ${snapshot.page.name}.`,
    alternates: { canonical: `${snapshot.page.url}/`, types: FEED_ALTERNATES },
    openGraph: { title: `${snapshot.page.name} Status`, description: snapshot.status.description, type: 'website' },
  };
}

export default async function StatusPage() {
  const { snapshot, freshness } = await getReadPath().get();
  const { activeIncidents, activeMaintenances, upcomingMaintenances } = getFrontPage(snapshot);
  return (
    <PageShell snapshot={snapshot}>
      <h1 className="sr-only">{snapshot.page.name} status</h1>
      <StatusBanner snapshot={snapshot} freshness={freshness} />
      {activeIncidents.length > 0 && (
        <IncidentSection id="active-incidents" title="Active incidents" items={activeIncidents} snapshot={snapshot} />
      )}
      {activeMaintenances.length > 0 && (
        <IncidentSection id="maintenance-now" title="Maintenance in progress" items={activeMaintenances} snapshot={snapshot} />
      )}
      <ComponentList snapshot={snapshot} />
      {upcomingMaintenances.length > 0 && (
        <IncidentSection id="maintenance-upcoming" title="Scheduled maintenance" items={upcomingMaintenances} snapshot={snapshot} />
      )}
      <p className="text-center text-sm">
        <a href="/history" className="accent underline underline-offset-2">
          View incident history
        </a>
      </p>
    </PageShell>
  );
}

function IncidentSection({ id, title, items, snapshot }: { id: string; title: string; items: Parameters<typeof IncidentSummary>[0]['incident'][]; snapshot: Parameters<typeof IncidentSummary>[0]['snapshot'] }) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      <ul className="space-y-3">
        {items.map((incident) => (
          <li key={incident.id} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
            <IncidentSummary incident={incident} snapshot={snapshot} />
          </li>
        ))}
      </ul>
    </section>
  );
}
