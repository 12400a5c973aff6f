import { COMPONENT_STATUS_LABELS, type ComponentStatus } from '@/lib/schemas/status';
import { formatDateTime } from '@/lib/time';

/** Icon and word together: a status is never told by colour alone. */
const STYLE: Record<ComponentStatus, { icon: string; className: string }> = {
  operational: { icon: '✓', className: 'text-ok' },
  degraded_performance: { icon: '!', className: 'text-degraded' },
  partial_outage: { icon: '!', className: 'text-partial' },
  major_outage: { icon: '✕', className: 'text-major' },
  under_maintenance: { icon: '⚒', className: 'text-maintenance' },
};

export function ComponentStatusLabel({ status }: { status: ComponentStatus }) {
  const style = STYLE[status];
  return (
    <span className={`inline-flex items-center gap-1.5 text-sm font-medium ${style.className}`}>
      <span aria-hidden="true" className="inline-flex size-4 items-center justify-center rounded-full bg-current text-[0.65rem] font-bold">
        <span className="text-on-status">{style.icon}</span>
      </span>
      {COMPONENT_STATUS_LABELS[status]}
    </span>
  );
}

/** A monitored component whose checks stopped arriving: its last known status, not shown as current. */
export function UnconfirmedStatusLabel({ status, since, timeZone }: { status: ComponentStatus; since: string; timeZone: string }) {
  return (
    <span className="inline-flex flex-col items-end text-right text-sm">
      <span className="inline-flex items-center gap-1.5 font-medium text-slate-600 dark:text-slate-300">
        <span aria-hidden="true" className="inline-flex size-4 items-center justify-center rounded-full bg-current text-[0.65rem] font-bold">
          <span className="text-white dark:text-slate-900">?</span>
        </span>
        Unconfirmed since {formatDateTime(since, timeZone)}
      </span>
      <span className="text-xs text-slate-500 dark:text-slate-400">Last known: {COMPONENT_STATUS_LABELS[status]}</span>
    </span>
  );
}

export const STATUS_CELL_CLASS: Record<ComponentStatus, string> = {
  operational: 'c-ok',
  degraded_performance: 'c-dg',
  partial_outage: 'c-po',
  major_outage: 'c-mo',
  under_maintenance: 'c-um',
};
