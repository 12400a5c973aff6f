import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { BackLink } from '@/components/admin/back-link';
import { Notice } from '@/components/admin/fields';
import { CheckNowForm, DeleteMonitorForm, MonitorForm, PauseForm } from '@/components/admin/monitor-forms';
import { CheckTable, MonitorStateLabel } from '@/components/admin/monitor-parts';
import { ResponseTimeChart } from '@/components/response-time-chart';
import { requireOperator } from '@/lib/admin-ui/require-operator';
import { MONITOR_KIND_LABELS, readMonitorDetail } from '@/lib/admin-ui/monitor-reads';
import { can } from '@/lib/access/permissions';
import { getDb } from '@/lib/db/client';
import { asAppError } from '@/lib/errors';
import { failureOf } from '@/lib/monitors/failures';
import { rangeWindow } from '@/lib/monitors/rollups';
import type { MonitorKind } from '@/lib/monitors/settings';
import { findPage } from '@/lib/page/page-settings';
import { formatDateTime } from '@/lib/time';

export const metadata: Metadata = { title: 'Monitor' };

const percent = (value: number | null) => (value === null ? '–' : `${value >= 99.995 ? '100' : value.toFixed(2)}%`);

export default async function MonitorPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ added?: string }> }) {
  const operator = await requireOperator();
  const manage = can(operator.role, 'components.configure');
  const db = getDb();
  const [{ id }, { added }, page] = await Promise.all([params, searchParams, findPage(db)]);
  const now = new Date();
  const monitor = await readMonitorDetail(db, id, now).catch((error) => {
    if (asAppError(error)?.code === 'not_found') notFound();
    throw error;
  });
  const { row } = monitor;
  const timeZone = page?.timeZone ?? 'Etc/UTC';
  const week = monitor.stats.find((entry) => entry.range === '7d')!;
  const failures = Object.entries(week.failuresByCode).sort(([, a], [, b]) => b - a);
  return (
    <>
      <div className="space-y-1">
        <BackLink href="/admin/monitors" label="Monitors" />
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-bold">{row.name}</h1>
          <MonitorStateLabel state={row.state} paused={row.paused} />
        </div>
        <p className="text-sm break-all text-slate-600 dark:text-slate-400">
          {MONITOR_KIND_LABELS[row.kind as MonitorKind]} · {monitor.target} · sets “{monitor.componentName}”
          {row.stateSince && !row.paused && ` · ${row.state === 'unknown' ? '' : `${row.state} since ${formatDateTime(row.stateSince, timeZone)}`}`}
        </p>
      </div>
      <Notice message={added ? `Added. ${row.kind === 'heartbeat' ? 'Give your job the heartbeat URL below.' : 'Its first check runs now.'}` : undefined} />
      {row.certExpiresAt && (
        <p className="text-sm">
          The certificate expires {formatDateTime(row.certExpiresAt, timeZone)}.
        </p>
      )}
      {/* The URL is a secret whoever holds it can use to report a dead job as alive. */}
      {manage && monitor.heartbeatUrl && (
        <section aria-labelledby="heartbeat-url" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 id="heartbeat-url" className="font-semibold">
            Heartbeat URL
          </h2>
          <p className="text-sm">Call it each time the job runs (GET or POST, no key needed; keep it secret):</p>
          <pre className="overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800" tabIndex={0}>
            <code>{`curl -fsS -m 10 --retry 3 ${monitor.heartbeatUrl}`}</code>
          </pre>
        </section>
      )}
      {monitor.alertUrls && (
        <section aria-labelledby="alert-intake" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 id="alert-intake" className="font-semibold">
            Sending alerts here
          </h2>
          <p className="text-sm">
            Make an <a href="/admin/api-keys" className="underline">API key</a> with the “alerts” scope. In Alertmanager, add a webhook receiver (and route your alerts to it):
          </p>
          <pre className="overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800" tabIndex={0}>
            <code>{`receivers:
  - name: gatewatch
    webhook_configs:
      - url: ${monitor.alertUrls.alertmanager}
        send_resolved: true
        http_config:
          authorization:
            credentials: <the API key>`}</code>
          </pre>
          <p className="text-sm">
            In Grafana, add a webhook contact point with the URL <code className="break-all">{monitor.alertUrls.grafana}</code> and the header <code>Authorization: Bearer &lt;the API key&gt;</code>.
          </p>
        </section>
      )}
      {manage && (
        <div className="flex flex-wrap items-start gap-6">
          {row.kind !== 'heartbeat' && row.kind !== 'alert' && <CheckNowForm id={row.id} />}
          <PauseForm id={row.id} paused={row.paused} />
        </div>
      )}
      <section aria-labelledby="figures" className="space-y-4">
        <h2 id="figures" className="text-lg font-semibold">
          How it went
        </h2>
        <dl className="grid gap-3 sm:grid-cols-3">
          {monitor.stats.map((entry) => (
            <div key={entry.range} className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
              <dt className="text-xs text-slate-600 dark:text-slate-400">{entry.label}</dt>
              <dd className="text-lg font-semibold tabular-nums">{percent(entry.uptimePercent)}</dd>
              <dd className="text-xs text-slate-600 dark:text-slate-400">
                {entry.checks ? `${entry.checks} checks, ${entry.failures} failed` : 'no checks yet'}
              </dd>
            </div>
          ))}
        </dl>
        {(row.kind === 'http' || row.kind === 'tcp') &&
          monitor.stats.map((entry) => (
            <div key={entry.range} className="space-y-1">
              <h3 className="text-sm font-medium">Response times, {entry.label.toLowerCase()}</h3>
              <ResponseTimeChart
                label={entry.label}
                points={entry.points.map((point) => ({ start: point.start.toISOString(), p50Ms: point.p50Ms, p95Ms: point.p95Ms }))}
                from={rangeWindow(entry.range, now).from.toISOString()}
                to={rangeWindow(entry.range, now).to.toISOString()}
              />
            </div>
          ))}
        <div className="space-y-2">
          <h3 className="text-sm font-medium">Failures in the last 7 days</h3>
          {failures.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">None.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {failures.map(([code, count]) => (
                <li key={code}>
                  <span className="font-medium">{failureOf(code)?.label ?? code}</span>: {count} {count === 1 ? 'time' : 'times'}
                  <span className="block text-xs text-slate-600 dark:text-slate-400">{failureOf(code)?.explanation}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>
      <section aria-labelledby="checks" className="space-y-3">
        <h2 id="checks" className="text-lg font-semibold">
          Latest checks
        </h2>
        <CheckTable checks={monitor.checks} timeZone={timeZone} />
      </section>
      {manage && (
        <>
          <section aria-labelledby="edit" className="space-y-3">
            <h2 id="edit" className="text-lg font-semibold">
              Settings
            </h2>
            <MonitorForm kind={row.kind} id={row.id} start={monitor.values} components={monitor.components} templates={monitor.templates} headerNames={monitor.headerNames} />
          </section>
          <section aria-labelledby="delete" className="space-y-3 rounded-lg border border-major/40 p-4">
            <h2 id="delete" className="font-semibold">
              Delete
            </h2>
            <DeleteMonitorForm id={row.id} name={row.name} />
          </section>
        </>
      )}
    </>
  );
}
