import type { Metadata } from 'next';
import { FEED_ALTERNATES } from '@/lib/feeds/history-feeds';
import { notFound } from 'next/navigation';
import { IncidentSummary } from '@/components/incident-parts';
import { PageShell } from '@/components/page-shell';
import { getReadPath } from '@/lib/read-path/instance';
import { getHistoryPage, parseHistoryPageParam } from '@/lib/status/history';
import { formatMonth } from '@/lib/time';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<{ page?: string | string[] }> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { snapshot } = await getReadPath().get();
  const page = parseHistoryPageParam((await searchParams).page);
  return {
    title: `Incident history${page > 1 ? ` (page ${page})` : ''} · ${snapshot.page.name} Status`,
    description: `Past incidents and maintenance of ${snapshot.page.name}.`,
    alternates: { types: FEED_ALTERNATES },
  };
}

export default async function HistoryPage({ searchParams }: Props) {
  const { snapshot } = await getReadPath().get();
  const history = getHistoryPage(snapshot, parseHistoryPageParam((await searchParams).page));
  if (!history) notFound();
  return (
    <PageShell snapshot={snapshot}>
      <h1 className="text-2xl font-bold">Incident history</h1>
      {history.months.map(({ month, items }) => (
        <section key={month} aria-labelledby={`month-${month}`} className="space-y-3">
          <h2 id={`month-${month}`} className="border-b border-slate-200 pb-1 text-lg font-semibold dark:border-slate-800">
            {formatMonth(month)}
          </h2>
          {items.length === 0 ? (
            <p className="text-sm text-slate-500 dark:text-slate-400">No incidents reported this month.</p>
          ) : (
            <ul className="space-y-5">
              {items.map((incident) => (
                <li key={incident.id}>
                  <IncidentSummary incident={incident} snapshot={snapshot} />
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      <nav aria-label="History pages" className="flex justify-between text-sm">
        {history.page > 1 ? (
          <a rel="prev" href={history.page === 2 ? '/history' : `/history?page=${history.page - 1}`} className="underline">
            ← Newer
          </a>
        ) : (
          <span />
        )}
        <span className="text-slate-500 dark:text-slate-400">
          Page {history.page} of {history.totalPages}
        </span>
        {history.page < history.totalPages ? (
          <a rel="next" href={`/history?page=${history.page + 1}`} className="underline">
            Older →
          </a>
        ) : (
          <span />
        )}
      </nav>
    </PageShell>
  );
}
