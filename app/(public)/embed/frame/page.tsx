import type { Metadata } from 'next';
import { InlineScript } from '@/components/inline-script';
import { FRAME_UPDATE_SCRIPT } from '@/lib/embed/page-scripts';
import { getReadPath } from '@/lib/read-path/instance';
import { getFrontPage } from '@/lib/status/front-page';
import { UPDATE_STATUS_LABELS } from '@/lib/schemas/status';

// Made to be framed by other sites (see htmlHeaders); keeps itself current in place (FRAME_UPDATE_SCRIPT), or
// by reloading where scripts do not run.
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
    <>
      <main className="space-y-2 p-3 text-sm">
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
      {/* A reload moves a reader back to the start: only where the script cannot keep the view current. */}
      <noscript>
        <meta httpEquiv="refresh" content="60" />
      </noscript>
      <InlineScript source={FRAME_UPDATE_SCRIPT} />
    </>
  );
}
