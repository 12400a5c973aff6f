import type { Metadata } from 'next';
import { Notice } from '@/components/admin/fields';
import { checkOutcome, MonitorStateLabel } from '@/components/admin/monitor-parts';
import { ReadOnlyNotice } from '@/components/admin/read-only-notice';
import { requireOperator } from '@/lib/admin-ui/require-operator';
import { MONITOR_KIND_LABELS, readMonitorsOverview } from '@/lib/admin-ui/monitor-reads';
import { can } from '@/lib/access/permissions';
import { getDb } from '@/lib/db/client';
import { MONITOR_KINDS, type MonitorKind } from '@/lib/monitors/settings';
import { findPage } from '@/lib/page/page-settings';
import { formatDateTime } from '@/lib/time';

export const metadata: Metadata = { title: 'Monitors' };

const KIND_HINTS: Record<MonitorKind, string> = {
  http: 'Requests a URL and checks the answer: status code, text, speed, certificate.',
  tcp: 'Checks that a port accepts connections: a database, a mail server.',
  heartbeat: 'Waits for a cron job or deploy script to call a secret URL.',
  alert: 'Follows firing alerts from Prometheus Alertmanager or Grafana that carry the labels you name.',
};

export default async function MonitorsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const operator = await requireOperator();
  const manage = can(operator.role, 'components.configure');
  const db = getDb();
  const [{ monitors }, page, params] = await Promise.all([readMonitorsOverview(db), findPage(db), searchParams]);
  const timeZone = page?.timeZone ?? 'Etc/UTC';
  return (
    <>
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">Monitors</h1>
        <p className="max-w-prose text-sm text-slate-600 dark:text-slate-400">
          Gatewatch checks your services itself and sets their components’ status: a 502 shows on the page within a minute, before anyone reports it.
        </p>
      </div>
      <Notice message={params.deleted ? 'The monitor was deleted; the status history it made stays.' : undefined} />
      {!manage && <ReadOnlyNotice permission="components.configure" />}
      {monitors.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No monitors yet.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
          {monitors.map(({ row, target, componentName, lastCheck }) => (
            <li key={row.id} className="flex flex-wrap items-start justify-between gap-3 px-4 py-3">
              <div className="min-w-0 space-y-0.5">
                <a href={`/admin/monitors/${row.id}`} className="font-medium underline-offset-2 hover:underline">
                  {row.name}
                </a>
                <p className="text-sm break-all text-slate-600 dark:text-slate-400">
                  {MONITOR_KIND_LABELS[row.kind as MonitorKind]} · {target} · sets “{componentName}”
                </p>
                {lastCheck && (
                  <p className="text-xs text-slate-500 dark:text-slate-400">
                    Last check {formatDateTime(lastCheck.at, timeZone, { seconds: true })}: {checkOutcome(lastCheck)}
                    {lastCheck.detail ? ` (${lastCheck.detail})` : ''}
                  </p>
                )}
              </div>
              <MonitorStateLabel state={row.state} paused={row.paused} />
            </li>
          ))}
        </ul>
      )}
      {manage && (
        <section aria-labelledby="add-monitor" className="space-y-3">
          <h2 id="add-monitor" className="text-lg font-semibold">
            Add a monitor
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2">
            {MONITOR_KINDS.map((kind) => (
              <li key={kind}>
                <a href={`/admin/monitors/new?kind=${kind}`} className="block h-full rounded-lg border border-slate-200 bg-white p-4 hover:border-slate-400 dark:border-slate-800 dark:bg-slate-900 dark:hover:border-slate-600">
                  <span className="font-medium">{MONITOR_KIND_LABELS[kind]}</span>
                  <span className="mt-1 block text-sm text-slate-600 dark:text-slate-400">{KIND_HINTS[kind]}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
