import type { CSSProperties } from 'react';
import type { SnapshotComponent } from '@/lib/status/snapshot-types';
import { formatUptime, groupUptimeRuns, uptimeCaption, type UptimeRun } from '@/lib/status/uptime';
import { COMPONENT_STATUS_LABELS } from '@/lib/schemas/status';
import { formatDay } from '@/lib/time';
import { STATUS_CELL_CLASS } from './status-label';

/** 90 day cells coloured by each day's worst state; a cell's details show on hover and focus. */
export function UptimeBar({
  component,
  incidentNames,
}: {
  component: SnapshotComponent;
  incidentNames: Map<string, string>;
}) {
  const { days, incidentsByDay } = component.uptime;
  const runs = groupUptimeRuns(days, incidentsByDay);
  return (
    <div className="mt-2">
      <ol className="ub" style={{ '--days': days.length } as CSSProperties} aria-label={`${component.name}: uptime over the last ${days.length} days`}>
        {runs.map((run) => (
          <li
            key={run.from}
            className={run.worst ? STATUS_CELL_CLASS[run.worst] : 'c-nd'}
            style={run.length > 1 ? ({ '--n': run.length } as CSSProperties) : undefined}
            tabIndex={0}
          >
            <span className="tip">{describeRun(run, incidentNames)}</span>
          </li>
        ))}
      </ol>
      <p className="mt-1 flex justify-between text-xs text-slate-500 dark:text-slate-400">
        <span>{days.length} days ago</span>
        <span>{uptimeCaption(component.uptime)}</span>
        <span>Today</span>
      </p>
    </div>
  );
}

function describeRun(run: UptimeRun, incidentNames: Map<string, string>) {
  const when = run.length > 1 ? `${formatDay(run.from)} – ${formatDay(run.to)}` : formatDay(run.from);
  if (run.uptime === null) return (<><b>{when}</b>No data</>);
  const incidents = run.incidentIds.map((id) => incidentNames.get(id)).filter(Boolean);
  return (
    <>
      <b>{when}</b>
      {formatUptime(run.uptime)} uptime
      {run.worst && run.worst !== 'operational' ? ` · ${COMPONENT_STATUS_LABELS[run.worst]}` : ''}
      {incidents.length ? incidents.map((name) => <span key={name} className="block">Incident: {name}</span>) : <span className="block">No incidents</span>}
    </>
  );
}
