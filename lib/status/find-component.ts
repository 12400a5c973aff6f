import { slugify } from '../slug.ts';
import type { Snapshot } from './snapshot-types.ts';

/** A component or group by id, or by the slug of its name ("public-api" for "Public API"). */
export function findComponentOrGroup(snapshot: Snapshot, ref: string) {
  const byId = snapshot.components.find((component) => component.id === ref) ?? snapshot.groups.find((group) => group.id === ref);
  if (byId) return byId;
  const slug = slugify(ref);
  if (!slug) return undefined;
  return snapshot.components.find((component) => slugify(component.name) === slug) ?? snapshot.groups.find((group) => slugify(group.name) === slug);
}
