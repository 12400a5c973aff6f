import type { Db } from '../db/client.ts';
import { AppError, notFound } from '../errors.ts';
import { findPage } from '../page/page-settings.ts';
import { buildSnapshot } from '../status/build-snapshot.ts';
import { componentsJson, incidentsJson } from '../status/statuspage-json.ts';
import type { SnapshotIncident } from '../status/snapshot-types.ts';

const NO_STORE = { 'cache-control': 'no-store' };

/**
 * Admin API bodies come from a snapshot read fresh from the database, through the same
 * serializers as the public v2 JSON: one shape for incidents and components everywhere.
 */
export async function incidentsResponse(db: Db, select: (incidents: SnapshotIncident[]) => SnapshotIncident[]) {
  const snapshot = await buildSnapshot(db);
  return Response.json(incidentsJson(snapshot, select([...snapshot.incidents, ...snapshot.maintenances])), { headers: NO_STORE });
}

export async function incidentResponse(db: Db, incidentId: string, status = 200) {
  const snapshot = await buildSnapshot(db);
  const incident = [...snapshot.incidents, ...snapshot.maintenances].find((candidate) => candidate.id === incidentId);
  if (!incident) throw notFound('incident', incidentId);
  const version = (await db.incident.findUnique({ where: { id: incidentId }, select: { version: true } }))?.version ?? 1;
  // The version is the ETag: send it back in If-Match to have a stale write refused (409).
  return Response.json(incidentsJson(snapshot, [incident])[0], { status, headers: { ...NO_STORE, etag: `"${version}"` } });
}

/** One update of an incident, in the shape of the v2 JSON's incident_updates entries. */
export async function incidentUpdateResponse(db: Db, incidentId: string, updateId: string) {
  const snapshot = await buildSnapshot(db);
  const incident = [...snapshot.incidents, ...snapshot.maintenances].find((candidate) => candidate.id === incidentId);
  if (!incident) throw notFound('incident', incidentId);
  const update = (incidentsJson(snapshot, [incident])[0] as { incident_updates: { id: string }[] }).incident_updates.find((candidate) => candidate.id === updateId);
  if (!update) throw notFound('incident update', updateId);
  return Response.json(update, { headers: NO_STORE });
}

export async function componentsResponse(db: Db, id?: string, status = 200) {
  const snapshot = await buildSnapshot(db);
  const all = componentsJson(snapshot) as { id: string }[];
  if (id === undefined) return Response.json(all, { headers: NO_STORE });
  const component = all.find((candidate) => candidate.id === id);
  if (!component) throw notFound('component', id);
  return Response.json(component, { status, headers: NO_STORE });
}

/**
 * The page in Statuspage's Manage API shape: the v2 page object's fields, then the branding.
 * `updated_at` is when the settings last changed (v2's says when anything visible did).
 */
export async function pageResponse(db: Db) {
  const page = await findPage(db);
  if (!page) throw notFound('page', 'settings');
  return Response.json(pageObject(page), { headers: NO_STORE });
}

/** The pages this key can manage, as Statuspage lists them (scripts often start here to find the id): the one page. */
export async function pagesResponse(db: Db) {
  const page = await findPage(db);
  return Response.json(page ? [pageObject(page)] : [], { headers: NO_STORE });
}

function pageObject(page: NonNullable<Awaited<ReturnType<typeof findPage>>>) {
  return {
    id: page.id,
    name: page.name,
    url: page.url,
    time_zone: page.timeZone,
    updated_at: page.updatedAt.toISOString(),
    support_url: page.supportUrl,
    logo_url: page.logoUrl,
    accent_color: page.accentColor,
  };
}

/** Groups in the Manage API's shape: their members as ids, in page order. */
export async function groupsResponse(db: Db, id?: string, status = 200) {
  const snapshot = await buildSnapshot(db);
  const all = snapshot.groups
    .toSorted((a, b) => a.position - b.position)
    .map((group) => ({
      id: group.id,
      page_id: snapshot.page.id,
      name: group.name,
      description: group.description,
      components: group.componentIds,
      position: group.position,
      created_at: group.createdAt,
      updated_at: group.updatedAt,
    }));
  if (id === undefined) return Response.json(all, { headers: NO_STORE });
  const group = all.find((candidate) => candidate.id === id);
  if (!group) throw notFound('component group', id);
  return Response.json(group, { status, headers: NO_STORE });
}

/**
 * `If-Match: "3"` → 3; absent or `*` (any version, as HTTP defines it) → no check; anything else
 * is a 400, so a malformed header never passes as no check.
 */
export function expectedVersion(request: Request): number | undefined {
  const header = request.headers.get('if-match')?.trim();
  if (!header || header === '*') return undefined;
  const version = Number(header.replace(/^W\//, '').replace(/"/g, ''));
  if (Number.isInteger(version) && version > 0) return version;
  throw new AppError('invalid_if_match', 'If-Match must be the ETag of the incident, like "3", or *');
}
