import { slugify } from '../slug.ts';
import type { Snapshot, SnapshotComponent, SnapshotGroup } from './snapshot-types.ts';

type Subject = SnapshotComponent | SnapshotGroup;

// Badge and feed URLs name components by slug; index each snapshot once.
const indexes = new WeakMap<Snapshot, { byId: Map<string, Subject>; bySlug: Map<string, Subject>; ambiguous: Set<string> }>();

function indexOf(snapshot: Snapshot) {
  let index = indexes.get(snapshot);
  if (!index) {
    index = { byId: new Map(), bySlug: new Map(), ambiguous: new Set() };
    for (const subject of [...snapshot.components, ...snapshot.groups]) {
      index.byId.set(subject.id, subject);
      const slug = slugify(subject.name);
      if (!slug) continue;
      if (index.bySlug.has(slug)) index.ambiguous.add(slug);
      else index.bySlug.set(slug, subject);
    }
    indexes.set(snapshot, index);
  }
  return index;
}

/** A component or group by id, or by the slug of its name ("public-api" for "Public API"). */
export function findComponentOrGroup(snapshot: Snapshot, ref: string): Subject | undefined {
  const index = indexOf(snapshot);
  return index.byId.get(ref) ?? index.bySlug.get(slugify(ref));
}

/** How URLs name a component: its slug when no other component or group shares it, else its id. */
export function componentRef(snapshot: Snapshot, subject: Subject): string {
  const slug = slugify(subject.name);
  return slug && !indexOf(snapshot).ambiguous.has(slug) ? slug : subject.id;
}

