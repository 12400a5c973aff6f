import type { ComponentStatus } from '../schemas/status.ts';
import { addDays, dayKey, formatShortDay, startOfDay } from '../time.ts';
import { compareComponentStatus } from './rollup.ts';

/**
 * Share of a status's time counted as downtime. As on Atlassian Statuspage, a major outage counts
 * fully and a partial outage at 30%; degraded performance and planned maintenance do not count.
 */
const DOWNTIME_WEIGHT: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 0,
  degraded_performance: 0,
  partial_outage: 0.3,
  major_outage: 1,
};

export interface StatusChange {
  status: ComponentStatus;
  at: Date;
}

export interface UptimeDay {
  /** YYYY-MM-DD in the page's time zone. */
  date: string;
  /** 0..1, or null when the component did not exist yet (before its first day) or the day is to come. */
  uptime: number | null;
  /** The worst status seen that day, or null with no history. */
  worst: ComponentStatus | null;
}

export interface UptimeResult {
  days: UptimeDay[];
  /** Over the days of the window with data, or null when none has any. */
  uptime: number | null;
  /** Over the days with data among the last 7, 30 and 90 (badges offer these), each null without any. */
  lastDays: Record<UptimeWindow, number | null>;
}

export const UPTIME_WINDOWS = [7, 30, 90] as const;
export type UptimeWindow = (typeof UPTIME_WINDOWS)[number];

/**
 * Uptime per calendar day from a component's status history, read the way Atlassian Statuspage reads
 * it. `changes` are sorted by time; each status holds from its `at` until the next change, and before
 * the first change the component counts as operational (it was not down before it existed).
 *
 * A day has data from the component's first day on: its `startDate` (YYYY-MM-DD in the page's zone)
 * when one is set, else the day of its first change. Earlier days are null ("no data"). A day with
 * data is measured over the whole calendar day in the page's zone, today only up to `now`, so a
 * short outage on a component created minutes ago weighs what it weighs on any other day.
 */
export function computeUptime(input: {
  changes: StatusChange[];
  days: string[];
  timeZone: string;
  now: Date;
  startDate?: string | null;
  /** `dayStarts(days, timeZone)`, when the caller computes uptime for many components over the same days. */
  starts?: number[];
}): UptimeResult {
  const { changes, timeZone, now } = input;
  const starts = input.starts ?? dayStarts(input.days, timeZone);
  const nowMs = now.getTime();
  const firstDay = input.startDate ?? (changes.length ? dayKey(changes[0].at, timeZone) : null);
  let cursor = 0; // index of the first change after the current position
  const countedByDay: number[] = [];
  const downByDay: number[] = [];

  const days = input.days.map((date, index): UptimeDay => {
    const dayStart = starts[index];
    const dayEnd = Math.min(starts[index + 1], nowMs);
    // YYYY-MM-DD strings sort as the days do.
    if (firstDay === null || date < firstDay || dayEnd <= dayStart) {
      countedByDay.push(0);
      downByDay.push(0);
      return { date, uptime: null, worst: null };
    }

    while (cursor < changes.length && changes[cursor].at.getTime() <= dayStart) cursor++;
    let status = changes[cursor - 1]?.status ?? 'operational';
    let position = dayStart;
    let down = 0;
    let worst: ComponentStatus = status;
    for (let next = cursor; position < dayEnd; next++) {
      const until = next < changes.length ? Math.min(changes[next].at.getTime(), dayEnd) : dayEnd;
      down += (until - position) * DOWNTIME_WEIGHT[status];
      position = until;
      if (next < changes.length && changes[next].at.getTime() < dayEnd) {
        status = changes[next].status;
        if (compareComponentStatus(status, worst) > 0) worst = status;
      }
    }
    const counted = dayEnd - dayStart;
    countedByDay.push(counted);
    downByDay.push(down);
    return { date, uptime: 1 - down / counted, worst };
  });

  // Time-weighted over the days with data, as Statuspage counts minutes: downtime ÷ time counted,
  // so an outage weighs its length whatever day it fell on, and today weighs only its passed hours.
  const overLast = (count: number) => {
    const counted = countedByDay.slice(-count).reduce((sum, ms) => sum + ms, 0);
    const down = downByDay.slice(-count).reduce((sum, ms) => sum + ms, 0);
    return counted > 0 ? 1 - down / counted : null;
  };
  const lastDays = Object.fromEntries(UPTIME_WINDOWS.map((window) => [window, overLast(window)])) as Record<UptimeWindow, number | null>;
  return { days, uptime: overLast(days.length), lastDays };
}

/**
 * When each of `days` starts in `timeZone`, and when the day after the last one starts (ms): the
 * zone lookups cost more than the uptime arithmetic, so a rebuild makes them once for all components.
 */
export function dayStarts(days: string[], timeZone: string): number[] {
  if (days.length === 0) return [];
  return [...days, addDays(days[days.length - 1], 1)].map((day) => startOfDay(day, timeZone).getTime());
}

/** Uptime as visitors read it: 99.95%, never rounded up to 100% when there was downtime. */
export function formatUptime(uptime: number | null): string {
  if (uptime === null) return 'No data';
  if (uptime >= 1) return '100%';
  return `${(Math.floor(uptime * 10000) / 100).toFixed(2)}%`;
}

/**
 * The first day with data among the last `count` days when the component is younger than they are,
 * so its figure covers fewer days than the window; null when data covers the whole window, or no day.
 */
export function trackedSince(days: UptimeDay[], count = days.length): string | null {
  const window = days.slice(-count);
  const first = window.findIndex((day) => day.uptime !== null);
  return first > 0 ? window[first].date : null;
}

/**
 * The line under a component's bar: "99.95% uptime", "99.95% uptime since Nov 30" for a component
 * newer than the bar, "No uptime data yet" before its first day.
 */
export function uptimeCaption(uptime: { percent: number | null; days: UptimeDay[] }): string {
  if (uptime.percent === null) return 'No uptime data yet';
  return formatUptimeSince(uptime.percent, trackedSince(uptime.days), ' uptime');
}

/** "99.95%", then `noun`, then " since Nov 30" when the figure starts that day (YYYY-MM-DD). */
export function formatUptimeSince(uptime: number, since: string | null, noun = ''): string {
  return `${formatUptime(uptime)}${noun}${since ? ` since ${formatShortDay(since)}` : ''}`;
}

/** A stretch of days drawn as one element: quiet days merge, any day with trouble stands alone. */
export interface UptimeRun {
  from: string;
  to: string;
  length: number;
  uptime: number | null;
  worst: ComponentStatus | null;
  incidentIds: string[];
  /** No incident, no downtime, nothing but operational (or no data). */
  quiet: boolean;
}

/**
 * Merges consecutive quiet days (no incident, no downtime, same state) so a 90-day bar stays a
 * handful of elements: a page with 100 components keeps well under its size budget.
 */
export function groupUptimeRuns(days: UptimeDay[], incidentsByDay: Record<string, string[]>): UptimeRun[] {
  const runs: UptimeRun[] = [];
  for (const day of days) {
    const incidentIds = incidentsByDay[day.date] ?? [];
    const quiet = incidentIds.length === 0 && (day.uptime === null || day.uptime === 1) && (day.worst ?? 'operational') === 'operational';
    const previous = runs[runs.length - 1];
    if (quiet && previous?.quiet && previous.worst === day.worst && previous.uptime === day.uptime) {
      previous.to = day.date;
      previous.length += 1;
      continue;
    }
    runs.push({ from: day.date, to: day.date, length: 1, uptime: day.uptime, worst: day.worst, incidentIds, quiet });
  }
  return runs;
}
