// The public API v2 bodies (shared/STATUSPAGE_API.md), field for field, from a snapshot (or, for the
// admin API, from the page's layout read on its own).
import { isActiveMaintenance as isActive, isUnresolvedIncident as isUnresolved, isUpcomingMaintenance as isUpcoming } from './incident-state.ts';
import type { LayoutComponent, PageLayout, Snapshot, SnapshotIncident } from './snapshot-types.ts';

const RECENT_LIMIT = 50;

function pageJson(snapshot: Snapshot) {
  const { id, name, url, timeZone, updatedAt } = snapshot.page;
  return { id, name, url, time_zone: timeZone, updated_at: updatedAt };
}

/** One component in the v2 shape. */
export function componentJson(component: LayoutComponent, pageId: string) {
  return {
    id: component.id,
    name: component.name,
    status: component.status,
    created_at: component.createdAt,
    updated_at: component.updatedAt,
    position: component.position,
    description: component.description,
    showcase: component.showcase,
    start_date: component.startDate,
    group_id: component.groupId,
    page_id: pageId,
    group: false,
    only_show_if_degraded: component.onlyShowIfDegraded,
  };
}

/** Groups and components in one flat array, as Statuspage lists them: each group, then its children. */
export function componentsJson(snapshot: PageLayout) {
  const pageId = snapshot.page.id;
  const byId = new Map(snapshot.components.map((component) => [component.id, component]));
  const componentJsonOf = (id: string) => componentJson(byId.get(id)!, pageId);
  const entries: object[] = [];
  for (const item of snapshot.layout) {
    if (item.kind === 'component') {
      entries.push(componentJsonOf(item.id));
      continue;
    }
    const group = snapshot.groups.find((candidate) => candidate.id === item.id)!;
    entries.push({
      id: group.id,
      name: group.name,
      status: group.status,
      created_at: group.createdAt,
      updated_at: group.updatedAt,
      position: group.position,
      description: group.description,
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: pageId,
      group: true,
      only_show_if_degraded: false,
      components: group.componentIds,
    });
    entries.push(...group.componentIds.map(componentJsonOf));
  }
  return entries;
}

/** Incidents or maintenances in the v2 shape, their affected components as full objects. */
export function incidentsJson(snapshot: PageLayout, incidents: SnapshotIncident[]) {
  if (incidents.length === 0) return [];
  const componentsById = new Map(componentsJson(snapshot).map((entry) => [(entry as { id: string }).id, entry]));
  return incidents.map((incident) => incidentJson(snapshot, incident, componentsById));
}

function incidentJson(snapshot: PageLayout, incident: SnapshotIncident, componentsById: Map<string, object>) {
  const body = {
    id: incident.id,
    name: incident.name,
    status: incident.status,
    created_at: incident.createdAt,
    updated_at: incident.updatedAt,
    monitoring_at: incident.monitoringAt,
    resolved_at: incident.resolvedAt,
    impact: incident.impact,
    shortlink: `${snapshot.page.url}/incidents/${incident.id}`,
    started_at: incident.startedAt,
    page_id: snapshot.page.id,
    incident_updates: incident.updates.map((update) => ({
      id: update.id,
      status: update.status,
      body: update.body,
      incident_id: incident.id,
      created_at: update.createdAt,
      updated_at: update.updatedAt,
      display_at: update.displayAt,
      affected_components: update.affectedComponents,
      deliver_notifications: update.deliverNotifications,
      custom_tweet: null,
      tweet_id: null,
    })),
    components: incident.componentIds.flatMap((id) => componentsById.get(id) ?? []),
  };
  if (incident.kind !== 'maintenance') return body;
  return { ...body, scheduled_for: incident.scheduledFor, scheduled_until: incident.scheduledUntil };
}

/** Every v2 endpoint, by its path below /api/v2/. */
export const STATUSPAGE_ENDPOINTS: Record<string, (snapshot: Snapshot) => object> = {
  'summary.json': (s) => ({
    page: pageJson(s),
    components: componentsJson(s),
    incidents: incidentsJson(s, s.incidents.filter(isUnresolved)),
    scheduled_maintenances: incidentsJson(s, s.maintenances.filter((maintenance) => isUpcoming(maintenance) || isActive(maintenance))),
    status: s.status,
  }),
  'status.json': (s) => ({ page: pageJson(s), status: s.status }),
  'components.json': (s) => ({ page: pageJson(s), components: componentsJson(s) }),
  'incidents.json': (s) => ({
    page: pageJson(s),
    incidents: incidentsJson(s, s.incidents.slice(0, RECENT_LIMIT)),
  }),
  'incidents/unresolved.json': (s) => ({
    page: pageJson(s),
    incidents: incidentsJson(s, s.incidents.filter(isUnresolved)),
  }),
  'incidents/resolved.json': (s) => ({
    page: pageJson(s),
    incidents: incidentsJson(s, s.incidents.filter((incident) => !isUnresolved(incident)).slice(0, RECENT_LIMIT)),
  }),
  'scheduled-maintenances.json': (s) => ({
    page: pageJson(s),
    scheduled_maintenances: incidentsJson(s, s.maintenances.slice(0, RECENT_LIMIT)),
  }),
  'scheduled-maintenances/upcoming.json': (s) => ({
    page: pageJson(s),
    scheduled_maintenances: incidentsJson(s, s.maintenances.filter(isUpcoming)),
  }),
  'scheduled-maintenances/active.json': (s) => ({
    page: pageJson(s),
    scheduled_maintenances: incidentsJson(s, s.maintenances.filter(isActive)),
  }),
};
