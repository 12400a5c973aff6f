import type { Db } from '../db/client.ts';
import { renderMarkdown } from '../markdown.ts';
import {
  type ComponentStatus,
  type Impact,
  type IncidentKind,
  type IncidentStatus,
  type MaintenanceStatus,
} from '../schemas/status.ts';
import { addDays, dayKey, lastDays, startOfDay } from '../time.ts';
import { isActiveMaintenance, isUnresolvedIncident } from './incident-state.ts';
import { rollupStatus, worstComponentStatus } from './rollup.ts';
import type { Snapshot, SnapshotComponent, SnapshotIncident } from './snapshot-types.ts';
import { topLevelOrder } from './page-order.ts';
import { computeUptime, dayStarts, type StatusChange } from './uptime.ts';

export const UPTIME_DAYS = 90;

/** Shown until an operator names the page (and on a database nobody has set up). */
export const DEFAULT_PAGE = { id: 'gatewatch', name: 'Gatewatch', url: 'http://localhost:3000', timeZone: 'Etc/UTC' };

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

// Rendering markdown is the costliest step of a rebuild; an update's HTML only changes with it.
const htmlCache = new Map<string, string>();
function cachedMarkdown(key: string, markdown: string): string {
  let html = htmlCache.get(key);
  if (html === undefined) {
    html = renderMarkdown(markdown);
    if (htmlCache.size > 20_000) htmlCache.clear();
    htmlCache.set(key, html);
  }
  return html;
}

/** Reads everything visitors can see from the database, in one consistent pass. */
export async function buildSnapshot(db: Db, now = new Date()): Promise<Snapshot> {
  const pageRow = await db.page.findFirst({ orderBy: { createdAt: 'asc' } });
  const timeZone = pageRow?.timeZone ?? DEFAULT_PAGE.timeZone;
  const days = lastDays(now, timeZone, UPTIME_DAYS);
  const windowStart = startOfDay(days[0], timeZone);

  const [groupRows, componentRows, recentChanges, earlierChangeTimes, incidentRows] = await Promise.all([
    db.componentGroup.findMany({ orderBy: [{ position: 'asc' }, { createdAt: 'asc' }] }),
    db.component.findMany({ orderBy: [{ position: 'asc' }, { createdAt: 'asc' }] }),
    db.componentStatusChange.findMany({ where: { at: { gte: windowStart } }, orderBy: { at: 'asc' } }),
    // The status each component had when the window opened.
    db.componentStatusChange.groupBy({ by: ['componentId'], where: { at: { lt: windowStart } }, _max: { at: true } }),
    db.incident.findMany({
      orderBy: [{ startedAt: 'desc' }, { createdAt: 'desc' }],
      include: {
        components: { select: { componentId: true }, orderBy: { component: { position: 'asc' } } },
        updates: { orderBy: [{ displayAt: 'desc' }, { createdAt: 'desc' }], include: { affectedComponents: true } },
      },
    }),
  ]);
  const earlierChanges = earlierChangeTimes.length
    ? await db.componentStatusChange.findMany({
        where: { OR: earlierChangeTimes.map((row) => ({ componentId: row.componentId, at: row._max.at! })) },
      })
    : [];

  const changesByComponent = new Map<string, StatusChange[]>();
  for (const change of [...earlierChanges, ...recentChanges]) {
    const list = changesByComponent.get(change.componentId) ?? [];
    list.push({ status: change.status as ComponentStatus, at: change.at });
    changesByComponent.set(change.componentId, list);
  }

  const incidents: SnapshotIncident[] = incidentRows.map((row) => ({
    id: row.id,
    kind: row.kind as IncidentKind,
    name: row.name,
    status: row.status as IncidentStatus | MaintenanceStatus,
    impact: row.impact as Impact,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    startedAt: iso(row.startedAt),
    monitoringAt: isoOrNull(row.monitoringAt),
    resolvedAt: isoOrNull(row.resolvedAt),
    scheduledFor: isoOrNull(row.scheduledFor),
    scheduledUntil: isoOrNull(row.scheduledUntil),
    cancelledAt: isoOrNull(row.cancelledAt),
    componentIds: row.components.map((link) => link.componentId),
    postmortemHtml: row.postmortemBody ? cachedMarkdown(`pm:${row.id}:${row.updatedAt.getTime()}`, row.postmortemBody) : null,
    updates: row.updates.map((update) => ({
      id: update.id,
      status: update.status as IncidentStatus | MaintenanceStatus,
      body: update.body,
      bodyHtml: cachedMarkdown(`${update.id}:${update.updatedAt.getTime()}`, update.body),
      displayAt: iso(update.displayAt),
      createdAt: iso(update.createdAt),
      updatedAt: iso(update.updatedAt),
      deliverNotifications: update.deliverNotifications,
      affectedComponents: update.affectedComponents.length
        ? update.affectedComponents.map((affected) => ({
            code: affected.componentId,
            name: affected.name,
            old_status: affected.oldStatus as ComponentStatus,
            new_status: affected.newStatus as ComponentStatus,
          }))
        : null,
    })),
  }));

  const incidentsByComponentDay = indexIncidentDays(incidents, days, timeZone, now);
  const starts = dayStarts(days, timeZone);

  const components: SnapshotComponent[] = componentRows.map((row) => {
    const uptime = computeUptime({
      changes: changesByComponent.get(row.id) ?? [{ status: row.status as ComponentStatus, at: row.createdAt }],
      days,
      starts,
      timeZone,
      // Whole minutes: during an outage today's uptime would otherwise change on every rebuild.
      now: new Date(Math.floor(now.getTime() / 60_000) * 60_000),
      // A calendar day (stored as midnight UTC), read as that day in the page's zone.
      startDate: row.startDate ? iso(row.startDate).slice(0, 10) : null,
    });
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      status: row.status as ComponentStatus,
      position: row.position,
      showcase: row.showcase,
      onlyShowIfDegraded: row.onlyShowIfDegraded,
      startDate: row.startDate ? iso(row.startDate).slice(0, 10) : null,
      groupId: row.groupId,
      createdAt: iso(row.createdAt),
      updatedAt: iso(row.updatedAt),
      uptime: {
        percent: uptime.uptime,
        lastDays: uptime.lastDays,
        days: uptime.days,
        incidentsByDay: incidentsByComponentDay.get(row.id) ?? {},
      },
    };
  });

  const groups = groupRows.map((row) => {
    const children = components.filter((component) => component.groupId === row.id);
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      position: row.position,
      status: worstComponentStatus(children.map((child) => child.status)),
      componentIds: children.map((child) => child.id),
      createdAt: iso(row.createdAt),
      updatedAt: iso(row.updatedAt),
    };
  });

  const layout = topLevelOrder(groups, components);

  const plainIncidents = incidents.filter((incident) => incident.kind === 'incident');
  const maintenances = incidents
    .filter((incident) => incident.kind === 'maintenance')
    .sort((a, b) => (b.scheduledFor ?? b.startedAt).localeCompare(a.scheduledFor ?? a.startedAt));

  const status = rollupStatus({
    componentStatuses: components.map((component) => component.status),
    unresolvedIncidentImpacts: plainIncidents.filter(isUnresolvedIncident).map((incident) => incident.impact),
    maintenanceInProgress: maintenances.some(isActiveMaintenance),
  });

  const updatedAt = [pageRow?.updatedAt, ...groupRows.map((row) => row.updatedAt), ...componentRows.map((row) => row.updatedAt), ...incidentRows.map((row) => row.updatedAt)]
    .filter((date): date is Date => Boolean(date))
    .reduce((latest, date) => (date > latest ? date : latest), new Date(0));

  return {
    page: {
      id: pageRow?.id ?? DEFAULT_PAGE.id,
      name: pageRow?.name ?? DEFAULT_PAGE.name,
      url: (pageRow?.url ?? DEFAULT_PAGE.url).replace(/\/+$/, ''),
      timeZone,
      supportUrl: pageRow?.supportUrl ?? null,
      logoUrl: pageRow?.logoUrl ?? null,
      accentColor: pageRow?.accentColor ?? null,
      updatedAt: iso(updatedAt),
    },
    status,
    layout,
    groups,
    components,
    incidents: plainIncidents,
    maintenances,
    uptimeDays: days,
    updatedAt: iso(updatedAt),
    builtAt: iso(now),
  };
}

/** componentId → day → incident ids, for the days each incident was open within the window. */
function indexIncidentDays(incidents: SnapshotIncident[], days: string[], timeZone: string, now: Date) {
  const firstDay = days[0];
  const index = new Map<string, Record<string, string[]>>();
  for (const incident of incidents) {
    if (incident.kind !== 'incident' || incident.componentIds.length === 0) continue;
    let day = dayKey(new Date(incident.startedAt), timeZone);
    const lastDay = dayKey(incident.resolvedAt ? new Date(incident.resolvedAt) : now, timeZone);
    if (day < firstDay) day = firstDay;
    for (; day <= lastDay; day = addDays(day, 1)) {
      for (const componentId of incident.componentIds) {
        const byDay = index.get(componentId) ?? {};
        (byDay[day] ??= []).push(incident.id);
        index.set(componentId, byDay);
      }
    }
  }
  return index;
}
