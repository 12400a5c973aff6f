// The components a subscriber can follow, as checkboxes grouped as on the page; none ticked means all.
import type { Snapshot } from '@/lib/status/snapshot-types';

export interface ComponentChoiceGroup {
  /** The group's name; null for components outside any group. */
  name: string | null;
  components: { id: string; name: string }[];
}

export function ComponentChoice({ groups, chosen, idPrefix }: { groups: ComponentChoiceGroup[]; chosen: string[]; idPrefix: string }) {
  if (!groups.length) return null;
  return (
    <fieldset className="space-y-3" aria-describedby={`${idPrefix}-components-hint`}>
      <legend className="text-sm font-medium">Which components?</legend>
      <p id={`${idPrefix}-components-hint`} className="text-xs text-slate-500 dark:text-slate-400">
        Tick none to hear about everything, including components added later.
      </p>
      {groups.map((group, index) => (
        <div key={group.name ?? `ungrouped-${index}`} className="space-y-1">
          {(group.name ?? (groups.length > 1 && 'Other')) && <p className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{group.name ?? 'Other'}</p>}
          <ul className="grid gap-1 sm:grid-cols-2">
            {group.components.map((component) => (
              <li key={component.id} className="flex items-center gap-2">
                <input id={`${idPrefix}-${component.id}`} type="checkbox" name="componentIds" value={component.id} defaultChecked={chosen.includes(component.id)} className="size-4" />
                <label htmlFor={`${idPrefix}-${component.id}`} className="text-sm">
                  {component.name}
                </label>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </fieldset>
  );
}

/** The page's components in its order: each group with its components, and those outside groups. */
export function componentChoiceGroups(snapshot: Snapshot): ComponentChoiceGroup[] {
  const named = (ids: string[]) => ids.flatMap((id) => snapshot.components.filter((component) => component.id === id)).map(({ id, name }) => ({ id, name }));
  const groups: ComponentChoiceGroup[] = [];
  for (const entry of snapshot.layout) {
    if (entry.kind === 'group') {
      const group = snapshot.groups.find((candidate) => candidate.id === entry.id);
      if (group?.componentIds.length) groups.push({ name: group.name, components: named(group.componentIds) });
    } else {
      const last = groups.at(-1);
      const [component] = named([entry.id]);
      if (!component) continue;
      if (last && last.name === null) last.components.push(component);
      else groups.push({ name: null, components: [component] });
    }
  }
  return groups;
}
