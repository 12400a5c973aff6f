// The order the page shows components in, in one place: groups and ungrouped components share the
// top level, each group's components follow it; by position, ties by creation time.

interface Ordered {
  id: string;
  position: number;
  createdAt: Date | string;
}

const created = (entry: Ordered) => new Date(entry.createdAt).getTime();

/** Sorts siblings (a group's components, or the top level's groups and components) in page order. */
export const byPageOrder = (a: Ordered, b: Ordered) => a.position - b.position || created(a) - created(b);

/** The top level in page order: groups and ungrouped components. */
export function topLevelOrder(groups: Ordered[], components: (Ordered & { groupId: string | null })[]) {
  return [
    ...groups.map((group) => ({ kind: 'group' as const, id: group.id, position: group.position, createdAt: group.createdAt })),
    ...components.filter((component) => !component.groupId).map((component) => ({ kind: 'component' as const, id: component.id, position: component.position, createdAt: component.createdAt })),
  ]
    .sort(byPageOrder)
    .map(({ kind, id }) => ({ kind, id }));
}
