// The delivery log: what was sent to whom, and how it went, in words (lib/admin-ui/subscriber-reads.ts).
import type { DeliveryLogRow } from '@/lib/admin-ui/subscriber-reads';
import type { DeliveryTone } from '@/lib/admin-ui/subscriber-words';
import { SECONDARY_BUTTON } from './fields';
import { Pager } from './pager';

const TONE_CLASS: Record<DeliveryTone, string> = {
  delivered: 'text-ok',
  pending: 'text-slate-600 dark:text-slate-400',
  failing: 'text-major',
  failed: 'text-major',
};

/** `showTo`: name each row's subscriber (the whole log; a subscriber's own page need not). */
function DeliveryList({ rows, showTo, empty }: { rows: DeliveryLogRow[]; showTo: boolean; empty: string }) {
  if (!rows.length) return <p className="text-sm text-slate-600 dark:text-slate-400">{empty}</p>;
  return (
    <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
      {rows.map((row) => (
        <li key={row.id} className="space-y-0.5 px-4 py-3 text-sm">
          <p className="font-medium break-words">{row.what}</p>
          <p className="text-slate-600 dark:text-slate-400">
            <time dateTime={row.whenIso}>{row.when}</time>
            {showTo && (
              <>
                {' '}
                to{' '}
                <a href={`/admin/subscribers/${row.subscriberId}`} className="break-words underline underline-offset-2">
                  {row.to}
                </a>
              </>
            )}
          </p>
          <p className={`font-medium ${TONE_CLASS[row.state.tone]}`}>{row.state.words}</p>
          {row.error && <p className="break-words">Last error: {row.error}</p>}
        </li>
      ))}
    </ol>
  );
}

/**
 * A page of the log at `path` (the whole log, or one subscriber's), with its "failures only" filter
 * as a GET form that works without JavaScript, and links to newer and older pages.
 */
export function DeliveryLogSection({
  path,
  query,
  log,
  titles,
  showTo,
}: {
  path: string;
  query: { failuresOnly: boolean; page: number };
  log: { rows: DeliveryLogRow[]; total: number; pages: number; timeZone: string };
  titles: { all: string; failures: string; none: string };
  showTo: boolean;
}) {
  const link = (page: number) => `${path}?${new URLSearchParams({ ...(query.failuresOnly && { failures: '1' }), page: String(page) })}`;
  return (
    <section aria-labelledby="log" className="space-y-3">
      <h2 id="log" className="text-lg font-semibold">
        {query.failuresOnly ? titles.failures : titles.all}
      </h2>
      <form method="get" action={path} className="flex flex-wrap items-center gap-3 text-sm" aria-label="Filter the delivery log">
        <label className="flex items-center gap-2">
          <input type="checkbox" name="failures" value="1" defaultChecked={query.failuresOnly} className="size-4" />
          Failures only
        </label>
        <button type="submit" className={SECONDARY_BUTTON}>
          Show
        </button>
      </form>
      {log.total > 0 && <p className="text-sm text-slate-600 dark:text-slate-400">Times in {log.timeZone}.</p>}
      <DeliveryList rows={log.rows} showTo={showTo} empty={query.failuresOnly ? 'No failures.' : titles.none} />
      {log.total > 0 && <Pager label="Delivery log pages" page={query.page} pages={log.pages} count={`${log.total} ${log.total === 1 ? 'delivery' : 'deliveries'}`} link={link} />}
    </section>
  );
}
