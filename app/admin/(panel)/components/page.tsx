import type { Metadata } from 'next';
import { ComponentForm, GroupForm, MoveButtons } from '@/components/admin/component-forms';
import { Notice } from '@/components/admin/fields';
import { ReadOnlyNotice } from '@/components/admin/read-only-notice';
import { ComponentStatusLabel } from '@/components/status-label';
import { requireOperator } from '@/lib/admin-ui/require-operator';
import { can } from '@/lib/access/permissions';
import { getDb } from '@/lib/db/client';
import { componentChoices } from '@/lib/status/front-page';
import { readPageLayout } from '@/lib/status/page-rows';
import type { LayoutComponent } from '@/lib/status/snapshot-types';

export const metadata: Metadata = { title: 'Components' };

const DELETED: Record<string, string> = { component: 'The component was deleted.', group: 'The group was deleted; its components are now at the top level.' };

export default async function ComponentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const operator = await requireOperator();
  const manage = can(operator.role, 'components.configure');
  const structure = await readPageLayout(getDb());
  const byId = new Map(structure.components.map((component) => [component.id, component]));
  const groupsById = new Map(structure.groups.map((group) => [group.id, group]));
  const deleted = DELETED[String((await searchParams).deleted)];
  const groups = structure.groups.map((group) => ({ id: group.id, name: group.name }));

  const row = (component: LayoutComponent, index: number, siblings: number) => (
    <li key={component.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
      <div className="min-w-0">
        {manage ? (
          <a href={`/admin/components/${component.id}`} className="font-medium underline-offset-2 hover:underline">
            {component.name}
          </a>
        ) : (
          <span className="font-medium">{component.name}</span>
        )}
        <div className="flex flex-wrap items-center gap-x-3 text-xs text-slate-500 dark:text-slate-400">
          <ComponentStatusLabel status={component.status} />
          {!component.showcase && <span>no uptime bar</span>}
          {component.onlyShowIfDegraded && <span>shown only when not operational</span>}
        </div>
      </div>
      {manage && <MoveButtons kind="component" id={component.id} name={component.name} first={index === 0} last={index === siblings - 1} />}
    </li>
  );

  return (
    <>
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">Components</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">What visitors see, in this order. Groups and ungrouped components share one order at the top.</p>
      </div>
      <Notice message={deleted} />
      <ol aria-label="Page layout" className="space-y-3">
        {structure.layout.map((entry, index) => {
          const last = index === structure.layout.length - 1;
          if (entry.kind === 'component') {
            return (
              <li key={entry.id}>
                <ul className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">{row(byId.get(entry.id)!, index, structure.layout.length)}</ul>
              </li>
            );
          }
          const group = groupsById.get(entry.id)!;
          return (
            <li key={group.id} className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
              <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-slate-50 px-4 py-3 dark:border-slate-800 dark:bg-slate-800/40">
                <div>
                  <span className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">Group </span>
                  {manage ? (
                    <a href={`/admin/components/groups/${group.id}`} className="font-semibold underline-offset-2 hover:underline">
                      {group.name}
                    </a>
                  ) : (
                    <span className="font-semibold">{group.name}</span>
                  )}
                </div>
                {manage && <MoveButtons kind="group" id={group.id} name={group.name} first={index === 0} last={last} />}
              </div>
              {group.componentIds.length === 0 ? (
                <p className="px-4 py-3 text-sm text-slate-500 dark:text-slate-400">No components: visitors do not see an empty group.</p>
              ) : (
                <ul className="divide-y divide-slate-200 dark:divide-slate-800">
                  {group.componentIds.map((id, position) => row(byId.get(id)!, position, group.componentIds.length))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
      {manage ? (
        <div className="grid gap-8 lg:grid-cols-2">
          <section aria-labelledby="add-component" className="space-y-3 rounded-lg border border-slate-200 p-5 dark:border-slate-800">
            <h2 id="add-component" className="text-lg font-semibold">
              Add a component
            </h2>
            <ComponentForm groups={groups} />
          </section>
          <section aria-labelledby="add-group" className="space-y-3 rounded-lg border border-slate-200 p-5 dark:border-slate-800">
            <h2 id="add-group" className="text-lg font-semibold">
              Add a group
            </h2>
            <GroupForm components={componentChoices(structure)} />
          </section>
        </div>
      ) : (
        <ReadOnlyNotice permission="components.configure" />
      )}
    </>
  );
}
