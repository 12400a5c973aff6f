// A component's response times on the public page: 24 hours, 7 days or 90 days, chosen with radio
// buttons styled as tabs (app/globals.css), so it works with no script at all.
import type { SnapshotComponent } from '@/lib/status/snapshot-types';
import { ResponseTimeChart } from './response-time-chart';

const LABELS = { '24h': '24 hours', '7d': '7 days', '90d': '90 days' } as const;

export function ResponseTimes({ component }: { component: SnapshotComponent }) {
  if (!component.responseTimes) return null;
  const name = `rt-${component.id}`;
  return (
    <fieldset className="rt mt-3">
      <legend className="text-xs font-medium text-slate-600 dark:text-slate-300">{`${component.name}: response times`}</legend>
      {component.responseTimes.map((entry, index) => (
        <input key={entry.range} type="radio" id={`${name}-${entry.range}`} name={name} value={entry.range} defaultChecked={index === 0} />
      ))}
      <div className="rt-tabs mt-1 flex gap-3 text-xs text-slate-600 dark:text-slate-300">
        {component.responseTimes.map((entry) => (
          <label key={entry.range} htmlFor={`${name}-${entry.range}`} className="cursor-pointer">
            {LABELS[entry.range]}
          </label>
        ))}
      </div>
      <div className="rt-panels mt-1">
        {component.responseTimes.map((entry) => (
          <div key={entry.range} className="rt-panel">
            <ResponseTimeChart points={entry.points} from={entry.from} to={entry.to} label={`Last ${LABELS[entry.range]}`} />
          </div>
        ))}
      </div>
    </fieldset>
  );
}
