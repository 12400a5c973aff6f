// Checks summed per UTC hour and per UTC day (count, failures by code, response-time percentiles),
// so that uptime and response-time charts read a few rows, and raw checks need only be kept a few
// days (pruneMonitorData). A day's percentiles come from that day's raw checks: percentiles of hours
// cannot be merged into a day's.
import type { Db, Tx } from '../db/client.ts';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** A check recorded just before the hour turned may commit just after: the last hour is re-rolled for this long. */
const SETTLE_MS = 2 * 60_000;

export type RollupPeriod = 'hour' | 'day';
export const startOfHour = (time: Date) => new Date(Math.floor(time.getTime() / HOUR_MS) * HOUR_MS);
export const startOfDay = (time: Date) => new Date(Math.floor(time.getTime() / DAY_MS) * DAY_MS);

export interface CheckForRollup {
  at: Date;
  ok: boolean;
  code: string | null;
  durationMs: number | null;
}

export interface RollupFigures {
  checks: number;
  failures: number;
  /** Failure code → count; `slow` answers are counted here too, though they are not failures. */
  failuresByCode: Record<string, number>;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

/**
 * Nearest-rank percentile: the smallest value with at least p % of the values at or below it, i.e.
 * the ceil(p·n/100)-th of the sorted values. Always a value that was measured. `sorted` ascending.
 */
export function nearestRank(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.max(1, Math.ceil((p * sorted.length) / 100)) - 1];
}

/** One period's figures. Response times count only checks that answered (a timeout's duration is the timeout). */
export function summarizeChecks(checks: CheckForRollup[], withDurations = true): RollupFigures {
  const failuresByCode: Record<string, number> = {};
  const durations: number[] = [];
  let failures = 0;
  for (const check of checks) {
    if (!check.ok) failures++;
    // A slow answer is an answer: counted by its code, not as a failure.
    if (!check.ok || check.code === 'slow') {
      const code = check.code ?? 'unknown';
      failuresByCode[code] = (failuresByCode[code] ?? 0) + 1;
    }
    if (withDurations && check.ok && check.durationMs !== null) durations.push(check.durationMs);
  }
  durations.sort((a, b) => a - b);
  return { checks: checks.length, failures, failuresByCode, p50Ms: nearestRank(durations, 50), p95Ms: nearestRank(durations, 95), p99Ms: nearestRank(durations, 99) };
}

/** Failures by code as stored: keys in order, so the same figures are the same text. */
const codesText = (byCode: Record<string, number>) => JSON.stringify(Object.fromEntries(Object.entries(byCode).sort(([a], [b]) => a.localeCompare(b))));

async function saveRollup(db: Db | Tx, monitorId: string, period: RollupPeriod, start: Date, figures: RollupFigures) {
  const data = { ...figures, failuresByCode: codesText(figures.failuresByCode) };
  await db.monitorRollup.upsert({
    where: { monitorId_period_start: { monitorId, period, start } },
    create: { monitorId, period, start, ...data },
    update: data,
  });
}

const newestRollup = (db: Db | Tx, monitorId: string, period: RollupPeriod) =>
  db.monitorRollup.findFirst({ where: { monitorId, period }, orderBy: { start: 'desc' }, select: { start: true } });

function groupBy(checks: CheckForRollup[], startOf: (at: Date) => Date): Map<number, CheckForRollup[]> {
  const groups = new Map<number, CheckForRollup[]>();
  for (const check of checks) {
    const key = startOf(check.at).getTime();
    const group = groups.get(key);
    if (group) group.push(check);
    else groups.set(key, [check]);
  }
  return groups;
}

/**
 * Where a monitor's rollups need work from: the newest hour rolled up (it may have been rolled while
 * still under way), or the hour of its first check; null when every check is already rolled up.
 */
async function rollUpFrom(db: Db | Tx, monitorId: string, now: Date): Promise<Date | null> {
  const newest = await newestRollup(db, monitorId, 'hour');
  if (!newest) {
    // No hour rolled up, or none left (older than their retention): checks after the last day rolled up.
    const lastDay = await newestRollup(db, monitorId, 'day');
    const after = lastDay ? new Date(lastDay.start.getTime() + DAY_MS) : new Date(0);
    const first = await db.monitorCheck.findFirst({ where: { monitorId, at: { gte: after } }, orderBy: { at: 'asc' }, select: { at: true } });
    return first && startOfHour(first.at);
  }
  const settled = startOfHour(new Date(now.getTime() - SETTLE_MS));
  const from = newest.start < settled ? newest.start : settled;
  // Checks are only ever added (or pruned long after being rolled up): the same count means nothing new.
  const [raw, rolled] = await Promise.all([
    db.monitorCheck.count({ where: { monitorId, at: { gte: from } } }),
    db.monitorRollup.aggregate({ where: { monitorId, period: 'hour', start: { gte: from } }, _sum: { checks: true } }),
  ]);
  return raw === (rolled._sum.checks ?? 0) ? null : from;
}

/**
 * Rolls up every hour that has checks not yet rolled up, re-rolling the newest one, which may still
 * be under way, so charts are live; and every whole day not rolled up yet, once it is over (a day's
 * percentiles need all its checks: re-reading today's every minute would cost more as the day goes
 * on; monitorStats shows the day under way from its hours). Running it again changes nothing. Reads
 * only the raw checks of the hours and days it rolls up.
 */
export async function rollUpChecks(db: Db | Tx, now = new Date()): Promise<void> {
  const monitors = await db.monitor.findMany({ select: { id: true, kind: true }, orderBy: { id: 'asc' } });
  const select = { at: true, ok: true, code: true, durationMs: true } as const;
  for (const monitor of monitors) {
    // A heartbeat's or an alert's "duration" is no response time.
    const withDurations = monitor.kind !== 'heartbeat' && monitor.kind !== 'alert';
    // Hours first (where they start from depends on the days rolled up); should a run stop before the
    // days, the next one finds the same days still to do.
    const from = await rollUpFrom(db, monitor.id, now);
    if (from) {
      const checks = await db.monitorCheck.findMany({ where: { monitorId: monitor.id, at: { gte: from } }, select });
      for (const [hour, ofHour] of groupBy(checks, startOfHour)) await saveRollup(db, monitor.id, 'hour', new Date(hour), summarizeChecks(ofHour, withDurations));
    }
    for (const day of await daysToRollUp(db, monitor.id, now)) {
      const checks = await db.monitorCheck.findMany({ where: { monitorId: monitor.id, at: { gte: day, lt: new Date(day.getTime() + DAY_MS) } }, select });
      // A day without checks (paused) gets no row, as hours without checks get none.
      if (checks.length) await saveRollup(db, monitor.id, 'day', day, summarizeChecks(checks, withDurations));
    }
  }
}

/** The whole days over (and settled) since the monitor's newest day rolled up that have checks, oldest first. */
async function daysToRollUp(db: Db | Tx, monitorId: string, now: Date): Promise<Date[]> {
  const today = startOfDay(new Date(now.getTime() - SETTLE_MS));
  const newest = await newestRollup(db, monitorId, 'day');
  const after = newest ? new Date(newest.start.getTime() + DAY_MS) : new Date(0);
  if (after >= today) return [];
  const first = await db.monitorCheck.findFirst({ where: { monitorId, at: { gte: after, lt: today } }, orderBy: { at: 'asc' }, select: { at: true } });
  const days: Date[] = [];
  for (let day = first ? startOfDay(first.at).getTime() : today.getTime(); day < today.getTime(); day += DAY_MS) days.push(new Date(day));
  return days;
}

type RollupRow = { monitorId: string; start: Date; checks: number; failures: number; failuresByCode: string; p50Ms: number | null; p95Ms: number | null };

/** The day under way as one row, from its hours; none without checks. */
function dayFromHours(monitorId: string, day: Date, hours: RollupRow[]): RollupRow[] {
  const checks = hours.reduce((sum, hour) => sum + hour.checks, 0);
  if (!checks) return [];
  const byCode: Record<string, number> = {};
  for (const hour of hours) for (const [code, count] of Object.entries(JSON.parse(hour.failuresByCode) as Record<string, number>)) byCode[code] = (byCode[code] ?? 0) + count;
  const medians = hours.filter((hour) => hour.p50Ms !== null).sort((a, b) => a.p50Ms! - b.p50Ms!);
  const half = medians.reduce((sum, hour) => sum + hour.checks, 0) / 2;
  let seen = 0;
  const p50Ms = medians.find((hour) => (seen += hour.checks) >= half)?.p50Ms ?? null;
  const p95s = hours.map((hour) => hour.p95Ms).filter((ms): ms is number => ms !== null);
  return [{ monitorId, start: day, checks, failures: hours.reduce((sum, hour) => sum + hour.failures, 0), failuresByCode: codesText(byCode), p50Ms, p95Ms: p95s.length ? Math.max(...p95s) : null }];
}

/** How many days each kind of row is kept. */
export interface RetentionDays {
  checkDays: number;
  rollupDays: number;
}

/** Daily rows are one a day per monitor: a year back, with a month to spare, costs next to nothing. */
export const DAY_ROLLUP_DAYS = 400;

/**
 * Deletes raw checks older than `checkDays` (whole UTC days, so a day being rolled up keeps all its
 * checks) that are rolled up, hourly rollups older than `rollupDays`, daily ones older than
 * DAY_ROLLUP_DAYS (or `rollupDays`, if longer). Counts what it deleted.
 */
export async function pruneMonitorData(db: Db | Tx, now: Date, { checkDays, rollupDays }: RetentionDays) {
  const daysBefore = (days: number) => new Date(startOfDay(now).getTime() - days * DAY_MS);
  let checks = 0;
  const monitors = await db.monitor.findMany({ select: { id: true } });
  for (const { id } of monitors) {
    const rolledUpBefore = await rolledUpBeforeOf(db, id);
    if (!rolledUpBefore) continue;
    const before = rolledUpBefore < daysBefore(checkDays) ? rolledUpBefore : daysBefore(checkDays);
    checks += (await db.monitorCheck.deleteMany({ where: { monitorId: id, at: { lt: before } } })).count;
  }
  const hours = await db.monitorRollup.deleteMany({ where: { period: 'hour', start: { lt: new Date(startOfHour(now).getTime() - rollupDays * DAY_MS) } } });
  const days = await db.monitorRollup.deleteMany({ where: { period: 'day', start: { lt: daysBefore(Math.max(DAY_ROLLUP_DAYS, rollupDays)) } } });
  return { checks, hourRollups: hours.count, dayRollups: days.count };
}

/**
 * Before when a monitor's checks are surely rolled up into both hours and days: the end of its newest
 * day rolled up (days are rolled once over), and no later than the start of the day of its newest
 * hour (rollUpChecks re-rolls that hour, never an earlier day's). Null when no day is rolled up yet.
 */
async function rolledUpBeforeOf(db: Db | Tx, monitorId: string): Promise<Date | null> {
  const [hour, day] = await Promise.all([newestRollup(db, monitorId, 'hour'), newestRollup(db, monitorId, 'day')]);
  if (!day) return null;
  const dayEnd = new Date(day.start.getTime() + DAY_MS);
  return hour && startOfDay(hour.start) < dayEnd ? startOfDay(hour.start) : dayEnd;
}

export type StatsRange = '24h' | '7d' | '90d';

export interface StatsPoint {
  start: Date;
  p50Ms: number | null;
  p95Ms: number | null;
  checks: number;
  failures: number;
}

export interface MonitorStats {
  /** 100 × (1 − failures / checks) over the range; null with no checks. */
  uptimePercent: number | null;
  checks: number;
  failures: number;
  /** Failures (and slow answers) by code over the range. */
  failuresByCode: Record<string, number>;
  /** One per hour (24h, 7d) or per day (90d) that had checks, oldest first; periods without checks have none. */
  points: StatsPoint[];
}

/** The ranges charts offer, with how they are named and how many days they span. */
export const STATS_RANGES: { range: StatsRange; label: string; days: number }[] = [
  { range: '24h', label: 'Last 24 hours', days: 1 },
  { range: '7d', label: 'Last 7 days', days: 7 },
  { range: '90d', label: 'Last 90 days', days: 90 },
];

const RANGES: Record<StatsRange, { period: RollupPeriod; count: number }> = {
  '24h': { period: 'hour', count: 24 },
  '7d': { period: 'hour', count: 7 * 24 },
  '90d': { period: 'day', count: 90 },
};

/**
 * The hours (or days) a range covers at `now`: from the start of the first to the end of the current
 * one. Whole periods, so a chart's axis stays the same until the next period starts.
 */
export function rangeWindow(range: StatsRange, now: Date): { from: Date; to: Date } {
  const { period, count } = RANGES[range];
  const [startOf, length] = period === 'hour' ? [startOfHour, HOUR_MS] : [startOfDay, DAY_MS];
  const current = startOf(now).getTime();
  return { from: new Date(current - (count - 1) * length), to: new Date(current + length) };
}

/**
 * Each monitor's uptime and response times over the range (the current hour or day included), from
 * the rollups alone. A day not rolled up yet (today, and yesterday until the first run after
 * midnight) is summed from its hours (counts exact; its median the checks-weighted median of the
 * hours', its 95th percentile the hours' highest).
 */
export async function monitorStats(db: Db | Tx, monitorIds: string[], range: StatsRange, now = new Date()): Promise<Map<string, MonitorStats>> {
  const { period } = RANGES[range];
  const since = rangeWindow(range, now).from;
  const recent = [new Date(startOfDay(now).getTime() - DAY_MS), startOfDay(now)];
  const [stored, recentHours] = await Promise.all([
    db.monitorRollup.findMany({ where: { monitorId: { in: monitorIds }, period, start: { gte: since } }, orderBy: { start: 'asc' } }),
    period === 'day' ? db.monitorRollup.findMany({ where: { monitorId: { in: monitorIds }, period: 'hour', start: { gte: recent[0] } } }) : Promise.resolve([]),
  ]);
  const hasDayRow = (id: string, day: Date) => stored.some((row) => row.monitorId === id && row.start.getTime() === day.getTime());
  const fromHours = monitorIds.flatMap((id) =>
    recent
      .filter((day) => day >= since && !hasDayRow(id, day))
      .flatMap((day) => dayFromHours(id, day, recentHours.filter((row) => row.monitorId === id && startOfDay(row.start).getTime() === day.getTime()))),
  );
  const rows = [...stored, ...fromHours].sort((a, b) => a.start.getTime() - b.start.getTime());
  const stats = new Map(monitorIds.map((id): [string, MonitorStats] => [id, { uptimePercent: null, checks: 0, failures: 0, failuresByCode: {}, points: [] }]));
  for (const row of rows) {
    const entry = stats.get(row.monitorId)!;
    entry.checks += row.checks;
    entry.failures += row.failures;
    for (const [code, count] of Object.entries(JSON.parse(row.failuresByCode) as Record<string, number>)) entry.failuresByCode[code] = (entry.failuresByCode[code] ?? 0) + count;
    entry.points.push({ start: row.start, p50Ms: row.p50Ms, p95Ms: row.p95Ms, checks: row.checks, failures: row.failures });
  }
  for (const entry of stats.values()) entry.uptimePercent = entry.checks ? 100 * (1 - entry.failures / entry.checks) : null;
  return stats;
}
