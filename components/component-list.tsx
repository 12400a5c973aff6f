import type { Snapshot, SnapshotComponent } from '@/lib/status/snapshot-types';
import { ComponentStatusLabel, UnconfirmedStatusLabel } from './status-label';
import { ResponseTimes } from './response-times';
import { UptimeBar } from './uptime-bar';

/** Groups (collapsible, no script needed) and components in the page's order. */
export function ComponentList({ snapshot }: { snapshot: Snapshot }) {
  const componentsById = new Map(snapshot.components.map((component) => [component.id, component]));
  const groupsById = new Map(snapshot.groups.map((group) => [group.id, group]));
  const incidentNames = new Map(snapshot.incidents.map((incident) => [incident.id, incident.name]));
  const visible = (component: SnapshotComponent) => !component.onlyShowIfDegraded || component.status !== 'operational';

  return (
    <section aria-labelledby="components-heading">
      <h2 id="components-heading" className="sr-only">
        Components
      </h2>
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
        {snapshot.layout.map((item) => {
          if (item.kind === 'component') {
            const component = componentsById.get(item.id)!;
            return visible(component) ? (
              <li key={item.id} className="p-4">
                <ComponentRow component={component} incidentNames={incidentNames} timeZone={snapshot.page.timeZone} />
              </li>
            ) : null;
          }
          const group = groupsById.get(item.id)!;
          const children = group.componentIds.map((id) => componentsById.get(id)!).filter(visible);
          if (children.length === 0) return null;
          return (
            <li key={item.id}>
              <details open className="group">
                <summary className="flex cursor-pointer list-none items-center justify-between gap-3 p-4 hover:bg-slate-50 dark:hover:bg-slate-800/50">
                  <span className="flex items-center gap-2 font-semibold">
                    <span aria-hidden="true" className="inline-block w-3 transition-transform group-open:rotate-90">
                      ›
                    </span>
                    <h3>{group.name}</h3>
                  </span>
                  <ComponentStatusLabel status={group.status} />
                </summary>
                <ul className="divide-y divide-slate-100 border-t border-slate-100 dark:divide-slate-800 dark:border-slate-800">
                  {children.map((component) => (
                    <li key={component.id} className="py-4 pr-4 pl-9">
                      <ComponentRow component={component} incidentNames={incidentNames} timeZone={snapshot.page.timeZone} nested />
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function ComponentRow({
  component,
  incidentNames,
  timeZone,
  nested = false,
}: {
  component: SnapshotComponent;
  incidentNames: Map<string, string>;
  timeZone: string;
  nested?: boolean;
}) {
  const Heading = nested ? 'h4' : 'h3';
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
        <div>
          <Heading className="font-medium">{component.name}</Heading>
          {component.description && <p className="text-sm text-slate-500 dark:text-slate-400">{component.description}</p>}
        </div>
        {component.unconfirmedSince ? <UnconfirmedStatusLabel status={component.status} since={component.unconfirmedSince} timeZone={timeZone} /> : <ComponentStatusLabel status={component.status} />}
      </div>
      {component.showcase && <UptimeBar component={component} incidentNames={incidentNames} />}
      <ResponseTimes component={component} />
    </>
  );
}
