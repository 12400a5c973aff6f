import type { Metadata } from 'next';
import { getReadPath } from '@/lib/read-path/instance';
import { getFrontPage } from '@/lib/status/front-page';
import { UPDATE_STATUS_LABELS } from '@/lib/schemas/status';

// Made to be framed by other sites (see FRAMEABLE_HTML_HEADERS); refreshes itself without script.
export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const { snapshot } = await getReadPath().get();
  return { title: `${snapshot.page.name} Status`, robots: { index: false } };
}

const DOT: Record<string, string> = { none: 'bg-ok-fill', minor: 'bg-degraded-fill', major: 'bg-partial-fill', critical: 'bg-major-fill', maintenance: 'bg-maintenance-fill' };

export default async function EmbedFrame() {
  const { snapshot } = await getReadPath().get();
  const { activeIncidents, activeMaintenances } = getFrontPage(snapshot);
  const base = snapshot.page.url.replace(/\/+$/, '');
  const items = [...activeIncidents, ...activeMaintenances];
  return (
    <main className="space-y-2 p-3 text-sm">
      <meta httpEquiv="refresh" content="60" />
      <p className="flex items-center gap-2 font-semibold">
        <span aria-hidden="true" className={`inline-block size-3 rounded-full ${DOT[snapshot.status.indicator]}`} />
        <span>
          {snapshot.page.name}: {snapshot.status.description}
        </span>
      </p>
      {items.length > 0 && (
        <ul className="space-y-1">
          {items.map((incident) => (
            <li key={incident.id}>
              <a href={`${base}/incidents/${incident.id}`} target="_blank" rel="noopener" className="underline underline-offset-2">
                {incident.name}
              </a>{' '}
              <span className="text-slate-600 dark:text-slate-400">· {UPDATE_STATUS_LABELS[incident.status]}</span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={`${base}/`} target="_blank" rel="noopener" className="text-xs text-slate-600 underline dark:text-slate-400">
          View status page
        </a>
      </p>
    </main>
  );
}
