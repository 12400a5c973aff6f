import type { Metadata } from 'next';
import { ImpactBadge } from '@/components/incident-parts';
import { Notice } from '@/components/admin/fields';
import { requireOperator } from '@/lib/admin-ui/require-operator';
import { pageTimeZone } from '@/lib/admin-ui/form-times';
import { getDb } from '@/lib/db/client';
import { INCIDENT_FILTERS, listIncidents, parseIncidentFilter } from '@/lib/incidents/list-incidents';
import { UPDATE_STATUS_LABELS, type Impact, type IncidentStatus } from '@/lib/schemas/status';
import { formatDateTime } from '@/lib/time';

export const metadata: Metadata = { title: 'Incidents' };

type Search = { status?: string; q?: string; page?: string; deleted?: string };

/** Every incident and maintenance, to find one again: filter by status, search by title. */
export default async function IncidentsPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requireOperator();
  const search = await searchParams;
  const db = getDb();
  const filter = parseIncidentFilter(search.status);
  const q = typeof search.q === 'string' ? search.q : '';
  const page = Math.max(1, Number.parseInt(search.page ?? '1', 10) || 1);
  const [{ rows, total, pages }, timeZone] = await Promise.all([listIncidents(db, { filter, search: q, page }), pageTimeZone(db)]);
  const link = (target: number) => `/admin/incidents?${new URLSearchParams({ status: filter, q, page: String(target) })}`;
  return (
    <>
      <h1 className="text-2xl font-bold">Incidents and maintenance</h1>
      {search.deleted && <Notice message="Deleted. It has left the public page; the audit log keeps a copy." />}
      <form method="get" className="flex flex-wrap items-end gap-3" role="search">
        <label className="text-sm font-medium">
          Show
          <select name="status" defaultValue={filter} className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900">
            {Object.entries(INCIDENT_FILTERS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium">
          Title contains
          <input type="search" name="q" defaultValue={q} maxLength={255} className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900" />
        </label>
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
          Apply
        </button>
      </form>
      <p className="text-sm text-slate-600 dark:text-slate-300" aria-live="polite">
        {total === 0 ? 'Nothing matches.' : `${total} ${total === 1 ? 'match' : 'matches'}${pages > 1 ? `, page ${page} of ${pages}` : ''}.`}
      </p>
      {rows.length > 0 && (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
          {rows.map((row) => (
            <li key={row.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-3">
              <div className="min-w-0">
                <a href={`/admin/incidents/${row.id}`} className="font-medium underline-offset-2 hover:underline">
                  {row.name}
                </a>
                <p className="text-sm text-slate-600 dark:text-slate-300">
                  {row.kind === 'maintenance' ? 'Maintenance' : 'Incident'} ·{' '}
                  {row.cancelledAt ? 'Cancelled' : UPDATE_STATUS_LABELS[row.status as IncidentStatus]} · {row._count.updates} update{row._count.updates === 1 ? '' : 's'}
                </p>
              </div>
              <div className="flex items-center gap-3 text-sm text-slate-600 dark:text-slate-300">
                <ImpactBadge impact={row.impact as Impact} cancelled={Boolean(row.cancelledAt)} />
                <time dateTime={(row.scheduledFor ?? row.startedAt).toISOString()}>{formatDateTime((row.scheduledFor ?? row.startedAt).toISOString(), timeZone)}</time>
              </div>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="flex gap-4 text-sm">
          {page > 1 && <a href={link(page - 1)} className="underline">← Newer</a>}
          {page < pages && <a href={link(page + 1)} className="underline">Older →</a>}
        </nav>
      )}
    </>
  );
}
