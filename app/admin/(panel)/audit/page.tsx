import type { Metadata } from 'next';
import { SECONDARY_BUTTON } from '@/components/admin/fields';
import { Pager } from '@/components/admin/pager';
import { pageTimeZone } from '@/lib/admin-ui/form-times';
import { requireOperator } from '@/lib/admin-ui/require-operator';
import { listAuditLog } from '@/lib/audit/audit-log';
import { getDb } from '@/lib/db/client';
import { formatDateTime } from '@/lib/time';

export const metadata: Metadata = { title: 'Audit log' };

const KINDS = [
  { value: '', label: 'Everything' },
  { value: 'incident', label: 'Incidents and maintenance' },
  { value: 'component', label: 'Components' },
  { value: 'component_group', label: 'Component groups' },
  { value: 'incident_template', label: 'Incident templates' },
  { value: 'api_key', label: 'API keys' },
  { value: 'operator', label: 'Operators' },
  { value: 'page', label: 'Page settings' },
];

type Search = { kind?: string | string[]; actor?: string | string[]; page?: string | string[] };
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requireOperator();
  const raw = await searchParams;
  const search = { kind: first(raw.kind), actor: first(raw.actor)?.slice(0, 100), page: Math.min(Number(first(raw.page)) || 1, 100_000) };
  const kind = KINDS.some((option) => option.value === search.kind) ? search.kind : '';
  const [log, timeZone] = await Promise.all([listAuditLog(getDb(), { targetType: kind || undefined, actor: search.actor || undefined, page: search.page }), pageTimeZone(getDb())]);
  const pageLink = (page: number) => `/admin/audit?${new URLSearchParams({ ...(kind && { kind }), ...(search.actor && { actor: search.actor }), page: String(page) })}`;
  return (
    <>
      <h1 className="text-2xl font-bold">Audit log</h1>
      <form method="get" className="flex flex-wrap items-end gap-3 text-sm" aria-label="Filter the audit log">
        <label className="space-y-1">
          <span className="block font-medium">What</span>
          <select name="kind" defaultValue={kind} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900">
            {KINDS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1">
          <span className="block font-medium">Who</span>
          <input name="actor" defaultValue={search.actor} placeholder="name or key" className="rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900" />
        </label>
        <button type="submit" className={SECONDARY_BUTTON}>
          Filter
        </button>
      </form>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-800">
              <th className="px-3 py-2">When ({timeZone})</th>
              <th className="px-3 py-2">Who</th>
              <th className="px-3 py-2">What</th>
            </tr>
          </thead>
          <tbody>
            {log.rows.map((row) => (
              <tr key={row.id} className="border-b border-slate-100 align-top dark:border-slate-800">
                <td className="px-3 py-2 whitespace-nowrap">
                  <time dateTime={row.at.toISOString()}>{formatDateTime(row.at, timeZone, { seconds: true })}</time>
                </td>
                <td className="px-3 py-2">{row.actorName}</td>
                <td className="px-3 py-2">
                  {row.summary} <code className="text-xs text-slate-500">{row.action}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {log.rows.length === 0 && <p className="px-3 py-4 text-sm text-slate-500">Nothing recorded matches.</p>}
      </div>
      <Pager label="Audit log pages" page={log.page} pages={log.pages} count={`${log.total} entries`} link={pageLink} />
    </>
  );
}
