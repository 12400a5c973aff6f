// Pieces of the admin's monitor pages: a monitor's state in words, its recent checks.
import { failureOf } from '@/lib/monitors/failures';
import { formatDateTime } from '@/lib/time';

const STATE: Record<string, { icon: string; label: string; className: string }> = {
  up: { icon: '✓', label: 'Up', className: 'text-ok' },
  degraded: { icon: '!', label: 'Slow', className: 'text-degraded' },
  down: { icon: '✕', label: 'Down', className: 'text-major' },
  unknown: { icon: '…', label: 'No verdict yet', className: 'text-slate-600 dark:text-slate-300' },
  paused: { icon: '‖', label: 'Paused', className: 'text-slate-600 dark:text-slate-300' },
};

/** Icon and word together, as for component statuses. */
export function MonitorStateLabel({ state, paused }: { state: string; paused: boolean }) {
  const style = STATE[paused ? 'paused' : state] ?? STATE.unknown;
  return (
    <span className={`inline-flex items-center gap-1.5 text-sm font-medium ${style.className}`}>
      <span aria-hidden="true" className="inline-flex size-4 items-center justify-center rounded-full bg-current text-[0.65rem] font-bold">
        <span className="text-white dark:text-slate-900">{style.icon}</span>
      </span>
      {style.label}
    </span>
  );
}

export interface CheckRow {
  id: string;
  at: Date;
  ok: boolean;
  code: string | null;
  detail: string | null;
  durationMs: number | null;
  connectMs: number | null;
  firstByteMs: number | null;
}

/** A check's outcome in words: "Passed", "Slow", or the failure's label. */
export const checkOutcome = (check: Pick<CheckRow, 'ok' | 'code'>) => (check.ok ? (check.code === 'slow' ? 'Slow' : 'Passed') : (failureOf(check.code)?.label ?? 'Failed'));

export function CheckTable({ checks, timeZone }: { checks: CheckRow[]; timeZone: string }) {
  if (!checks.length) return <p className="text-sm text-slate-600 dark:text-slate-400">No checks yet.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800" tabIndex={0} role="region" aria-label="Latest checks, scrolls sideways">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Latest checks, newest first</caption>
        <thead className="bg-slate-50 text-xs text-slate-600 dark:bg-slate-900 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">When</th>
            <th scope="col" className="px-3 py-2 font-medium">Result</th>
            <th scope="col" className="px-3 py-2 font-medium">What happened</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Time</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white dark:divide-slate-800 dark:bg-slate-950">
          {checks.map((check) => (
            <tr key={check.id}>
              <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(check.at, timeZone, { seconds: true })}</td>
              <td className={`px-3 py-2 font-medium whitespace-nowrap ${check.ok ? (check.code === 'slow' ? 'text-degraded' : 'text-ok') : 'text-major'}`}>{checkOutcome(check)}</td>
              <td className="px-3 py-2">
                {check.detail}
                {!check.ok && failureOf(check.code) && <span className="block text-xs text-slate-600 dark:text-slate-400">{failureOf(check.code)!.explanation}</span>}
              </td>
              <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{check.durationMs === null ? '' : `${check.durationMs} ms`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
