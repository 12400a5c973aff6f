import type { Db } from '../db/client.ts';
import type { ComponentStatus } from '../schemas/status.ts';
import { addDays, dayKey, lastDays, startOfDay } from '../time.ts';
import { isActiveMaintenance, isUnresolvedIncident } from './incident-state.ts';
import { INCIDENT_ORDER, INCIDENT_WITH_UPDATES, latestUpdate, readPageLayout, toSnapshotIncident } from './page-rows.ts';
import { unconfirmedSince } from '../monitors/freshness.ts';
import { monitorStats, rangeWindow, STATS_RANGES } from '../monitors/rollups.ts';
import { rollupStatus } from './rollup.ts';
import type { LayoutComponent, Snapshot, SnapshotComponent, SnapshotIncident } from './snapshot-types.ts';
import { computeUptime, dayStarts, type StatusChange } from './uptime.ts';

export const UPTIME_DAYS = 90;

/** Reads everything visitors can see from the database, in one consistent pass. */
export async function buildSnapshot(db: Db, now = new Date()): Promise<Snapshot> {
  const { page, groups, components: layoutComponents, layout } = await readPageLayout(db);
  const timeZone = page.timeZone;
  const days = lastDays(now, timeZone, UPTIME_DAYS);
  const windowStart = startOfDay(days[0], timeZone);

  const [recentChanges, earlierChangeTimes, incidentRows, monitors] = await Promise.all([
    db.componentStatusChange.findMany({ where: { at: { gte: windowStart } }, orderBy: { at: 'asc' } }),
    // The status each component had when the window opened.
    db.componentStatusChange.groupBy({ by: ['componentId'], where: { at: { lt: windowStart } }, _max: { at: true } }),
    db.incident.findMany({ orderBy: INCIDENT_ORDER, include: INCIDENT_WITH_UPDATES }),
    db.monitor.findMany({ where: { paused: false }, orderBy: { createdAt: 'asc' }, select: { id: true, kind: true, componentId: true, lastCheckAt: true, stateSince: true, createdAt: true, intervalSeconds: true, timeoutSeconds: true } }),
  ]);
  const unconfirmed = unconfirmedSince(monitors, now);
  const responseTimes = await readResponseTimes(db, layoutComponents, monitors, now);
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

  const incidents = incidentRows.map((row) => toSnapshotIncident(row));
  const incidentsByComponentDay = indexIncidentDays(incidents, days, timeZone, now);
  const starts = dayStarts(days, timeZone);

  const components: SnapshotComponent[] = layoutComponents.map((component) => {
    const uptime = computeUptime({
      changes: changesByComponent.get(component.id) ?? [{ status: component.status, at: new Date(component.createdAt) }],
      days,
      starts,
      timeZone,
      // Whole minutes: during an outage today's uptime would otherwise change on every rebuild.
      now: new Date(Math.floor(now.getTime() / 60_000) * 60_000),
      // A calendar day (stored as midnight UTC), read as that day in the page's zone.
      startDate: component.startDate,
    });
    return {
      ...component,
      unconfirmedSince: unconfirmed.get(component.id)?.toISOString() ?? null,
      responseTimes: responseTimes.get(component.id) ?? null,
      uptime: {
        percent: uptime.uptime,
        lastDays: uptime.lastDays,
        days: uptime.days,
        incidentsByDay: incidentsByComponentDay.get(component.id) ?? {},
      },
    };
  });

  const plainIncidents = incidents.filter((incident) => incident.kind === 'incident');
  const maintenances = incidents
    .filter((incident) => incident.kind === 'maintenance')
    .sort((a, b) => (b.scheduledFor ?? b.startedAt).localeCompare(a.scheduledFor ?? a.startedAt));

  const status = rollupStatus({
    componentStatuses: components.map((component) => component.status),
    unresolvedIncidentImpacts: plainIncidents.filter(isUnresolvedIncident).map((incident) => incident.impact),
    maintenanceInProgress: maintenances.some(isActiveMaintenance),
  });

  const updatedAt = latestUpdate([new Date(page.updatedAt), ...incidentRows.map((row) => row.updatedAt)]).toISOString();

  return {
    page: { ...page, updatedAt },
    status,
    layout,
    groups,
    components,
    incidents: plainIncidents,
    maintenances,
    uptimeDays: days,
    updatedAt,
    builtAt: now.toISOString(),
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

/**
 * For each component that shows response times: those of its first monitor that measures them (HTTP
 * or TCP), per range, from the rollups (three queries for the whole page).
 */
async function readResponseTimes(db: Db, components: LayoutComponent[], monitors: { id: string; kind: string; componentId: string }[], now: Date) {
  const measuring = new Map<string, string>();
  for (const component of components) {
    const monitor = component.showResponseTimes && monitors.find((candidate) => candidate.componentId === component.id && (candidate.kind === 'http' || candidate.kind === 'tcp'));
    if (monitor) measuring.set(component.id, monitor.id);
  }
  const result = new Map<string, NonNullable<SnapshotComponent['responseTimes']>>();
  if (!measuring.size) return result;
  const ranges = await Promise.all(STATS_RANGES.map(async ({ range }) => ({ range, window: rangeWindow(range, now), stats: await monitorStats(db, [...measuring.values()], range, now) })));
  for (const [componentId, monitorId] of measuring) {
    result.set(
      componentId,
      ranges.map(({ range, window, stats }) => ({
        range,
        from: window.from.toISOString(),
        to: window.to.toISOString(),
        points: (stats.get(monitorId)?.points ?? []).map((point) => ({ start: point.start.toISOString(), p50Ms: point.p50Ms, p95Ms: point.p95Ms })),
      })),
    );
  }
  return result;
}
