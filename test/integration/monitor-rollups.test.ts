// Monitors' checks rolled up per hour and per day, pruned by age, and read back as uptime and
// response-time series, on both databases. The raw checks are written straight into the table (a
// fixture with known times, codes and durations); everything after that goes through lib/.
// Percentiles are nearest-rank: the ceil(p·n/100)-th of the sorted durations of checks that answered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/access/permissions';
import { createComponent } from '@/lib/components/manage-components';
import { createDb, type Db } from '@/lib/db/client';
import { parseEnv } from '@/lib/env';
import { newId } from '@/lib/ids';
import { runMonitorMaintenance, startMonitorMaintenanceJob } from '@/lib/monitors/maintenance-job';
import { createMonitor } from '@/lib/monitors/manage-monitors';
import { monitorStats, pruneMonitorData, rollUpChecks, startOfHour } from '@/lib/monitors/rollups';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '../helpers/databases';

const t = (iso: string) => new Date(`${iso}Z`);

describe.each(PROVIDERS)('monitor rollups on %s', (provider) => {
  let database: TestDatabase;
  let db: Db;
  const monitors: Record<'a' | 'idle' | 'heartbeat' | 'unrolled', string> = { a: '', idle: '', heartbeat: '', unrolled: '' };

  const addChecks = (monitorId: string, checks: { at: string; ok?: boolean; code?: string | null; durationMs?: number | null }[]) =>
    db.monitorCheck.createMany({ data: checks.map(({ at, ok = true, code = null, durationMs = null }) => ({ id: newId(), monitorId, at: t(at), ok, code, durationMs, detail: 'fixture' })) });
  const rollups = (monitorId?: string) =>
    db.monitorRollup.findMany({ where: { monitorId }, orderBy: [{ monitorId: 'asc' }, { period: 'asc' }, { start: 'asc' }] });
  const rollupOf = async (monitorId: string, period: string, start: string) => {
    const row = await db.monitorRollup.findUnique({ where: { monitorId_period_start: { monitorId, period, start: t(start) } } });
    return row && { checks: row.checks, failures: row.failures, failuresByCode: JSON.parse(row.failuresByCode), p50Ms: row.p50Ms, p95Ms: row.p95Ms, p99Ms: row.p99Ms };
  };
  const checkTimes = async (monitorId: string) => (await db.monitorCheck.findMany({ where: { monitorId }, orderBy: { at: 'asc' } })).map((check) => check.at.toISOString());

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = database.db;
    const created = t('2026-12-01T00:00:00');
    const component = await createComponent(db, { name: 'API' }, SYSTEM_ACTOR, created);
    const add = async (name: string, kind: 'tcp' | 'heartbeat') =>
      (await createMonitor(db, { name, componentId: component.id, kind, settings: kind === 'tcp' ? { host: '127.0.0.1', port: 1 } : {} }, SYSTEM_ACTOR, created)).id;
    monitors.a = await add('a', 'tcp');
    monitors.idle = await add('idle', 'tcp');
    monitors.heartbeat = await add('heartbeat', 'heartbeat');
    monitors.unrolled = await add('unrolled', 'tcp');

    // 2026-12-08 05:00: ten answers of 10 to 100 ms, one slow answer, one 502 (its time is no response time).
    await addChecks(monitors.a, [
      ...[50, 10, 30, 20, 40, 100, 60, 90, 80, 70].map((durationMs, index) => ({ at: `2026-12-08T05:0${index}:00`, durationMs })),
      { at: '2026-12-08T05:30:00', code: 'slow', durationMs: 900 },
      { at: '2026-12-08T05:40:00', ok: false, code: 'http_502', durationMs: 30 },
    ]);
    // 2026-12-08 07:00: two answers, a timeout and a refused connection.
    await addChecks(monitors.a, [
      { at: '2026-12-08T07:00:00', durationMs: 200 },
      { at: '2026-12-08T07:10:00', durationMs: 100 },
      { at: '2026-12-08T07:20:00', ok: false, code: 'timeout', durationMs: 10_000 },
      { at: '2026-12-08T07:30:00', ok: false, code: 'refused', durationMs: null },
    ]);
    // 2026-12-09 23:00: a hundred answers, 1 to 100 ms.
    await addChecks(monitors.a, Array.from({ length: 100 }, (_, index) => ({ at: `2026-12-09T23:${String(Math.floor(index / 2)).padStart(2, '0')}:${index % 2 ? '30' : '00'}`, durationMs: 100 - index })));
    // Today, the hour under way.
    await addChecks(monitors.a, [
      { at: '2026-12-10T10:05:00', durationMs: 300 },
      { at: '2026-12-10T10:10:00', durationMs: 100 },
    ]);
    // A heartbeat's calls record a duration of 0, which is no response time.
    await addChecks(monitors.heartbeat, [{ at: '2026-12-10T09:00:00', durationMs: 0 }, { at: '2026-12-10T09:30:00', durationMs: 0 }]);
  });
  afterAll(() => database?.drop());

  it('rolls up every hour and day with checks: counts, failures by code (slow among them, not as a failure), percentiles', async () => {
    await rollUpChecks(db, t('2026-12-10T10:30:00'));
    const a = monitors.a;
    expect(await rollupOf(a, 'hour', '2026-12-08T05:00:00')).toEqual({ checks: 12, failures: 1, failuresByCode: { http_502: 1, slow: 1 }, p50Ms: 60, p95Ms: 900, p99Ms: 900 });
    expect(await rollupOf(a, 'hour', '2026-12-08T07:00:00')).toEqual({ checks: 4, failures: 2, failuresByCode: { refused: 1, timeout: 1 }, p50Ms: 100, p95Ms: 200, p99Ms: 200 });
    // n = 100: the 50th, 95th and 99th smallest.
    expect(await rollupOf(a, 'hour', '2026-12-09T23:00:00')).toEqual({ checks: 100, failures: 0, failuresByCode: {}, p50Ms: 50, p95Ms: 95, p99Ms: 99 });
    expect(await rollupOf(a, 'hour', '2026-12-10T10:00:00')).toEqual({ checks: 2, failures: 0, failuresByCode: {}, p50Ms: 100, p95Ms: 300, p99Ms: 300 });
    // A day from its own checks: 13 durations 10…100, 100, 200, 900 → the 7th (70) and the 13th (900).
    expect(await rollupOf(a, 'day', '2026-12-08T00:00:00')).toEqual({ checks: 16, failures: 3, failuresByCode: { http_502: 1, refused: 1, slow: 1, timeout: 1 }, p50Ms: 70, p95Ms: 900, p99Ms: 900 });
    expect(await rollupOf(a, 'day', '2026-12-09T00:00:00')).toEqual({ checks: 100, failures: 0, failuresByCode: {}, p50Ms: 50, p95Ms: 95, p99Ms: 99 });
    // The day under way is rolled up once it is over (monitorStats shows it from its hours meanwhile).
    expect(await rollupOf(a, 'day', '2026-12-10T00:00:00')).toBeNull();
    expect((await rollups(a)).map((row) => `${row.period} ${row.start.toISOString()}`)).toEqual([
      'day 2026-12-08T00:00:00.000Z',
      'day 2026-12-09T00:00:00.000Z',
      'hour 2026-12-08T05:00:00.000Z',
      'hour 2026-12-08T07:00:00.000Z',
      'hour 2026-12-09T23:00:00.000Z',
      'hour 2026-12-10T10:00:00.000Z',
    ]);
    // No checks, no rows; a heartbeat's calls are counted, with no response times.
    expect(await rollups(monitors.idle)).toEqual([]);
    expect(await rollupOf(monitors.heartbeat, 'hour', '2026-12-10T09:00:00')).toEqual({ checks: 2, failures: 0, failuresByCode: {}, p50Ms: null, p95Ms: null, p99Ms: null });
  });

  it('changes nothing when run again, then or later', async () => {
    const before = await rollups();
    await rollUpChecks(db, t('2026-12-10T10:30:00'));
    await rollUpChecks(db, t('2026-12-10T10:45:00'));
    expect(await rollups()).toEqual(before);
  });

  it('works from the newest hour rolled up on: earlier days are not read again', async () => {
    // Were the 8th read again, its rows would now count this check.
    const check = await db.monitorCheck.create({ data: { id: newId(), monitorId: monitors.a, at: t('2026-12-08T05:50:00'), ok: false, code: 'dns' } });
    await rollUpChecks(db, t('2026-12-10T10:50:00'));
    expect(await rollupOf(monitors.a, 'hour', '2026-12-08T05:00:00')).toMatchObject({ checks: 12, failuresByCode: { http_502: 1, slow: 1 } });
    expect(await rollupOf(monitors.a, 'day', '2026-12-08T00:00:00')).toMatchObject({ checks: 16 });
    await db.monitorCheck.delete({ where: { id: check.id } });
  });

  it('keeps the hour under way current as checks arrive, and rolls up the day once it is over', async () => {
    await addChecks(monitors.a, [{ at: '2026-12-10T10:20:00', ok: false, code: 'http_503', durationMs: 5 }]);
    await rollUpChecks(db, t('2026-12-10T10:55:00'));
    const current = { checks: 3, failures: 1, failuresByCode: { http_503: 1 }, p50Ms: 100, p95Ms: 300, p99Ms: 300 };
    expect(await rollupOf(monitors.a, 'hour', '2026-12-10T10:00:00')).toEqual(current);
    expect(await rollupOf(monitors.a, 'day', '2026-12-10T00:00:00')).toBeNull();
    // The next hour begins; a check from just before it, committed late, still finds its hour.
    await addChecks(monitors.a, [{ at: '2026-12-10T11:00:10', durationMs: 50 }]);
    await rollUpChecks(db, t('2026-12-10T11:00:30'));
    await addChecks(monitors.a, [{ at: '2026-12-10T10:59:59', durationMs: 400 }]);
    await rollUpChecks(db, t('2026-12-10T11:01:00'));
    expect(await rollupOf(monitors.a, 'hour', '2026-12-10T10:00:00')).toEqual({ ...current, checks: 4, p50Ms: 300, p95Ms: 400, p99Ms: 400 });
    expect(await rollupOf(monitors.a, 'hour', '2026-12-10T11:00:00')).toEqual({ checks: 1, failures: 0, failuresByCode: {}, p50Ms: 50, p95Ms: 50, p99Ms: 50 });
    expect(await rollupOf(monitors.a, 'day', '2026-12-10T00:00:00')).toBeNull();
    // Once the day is over (and a check committed late has had its two minutes), it is rolled up from
    // all its checks: answered 300, 100, 400, 50 → the 2nd and the 4th.
    await rollUpChecks(db, t('2026-12-11T00:01:00'));
    expect(await rollupOf(monitors.a, 'day', '2026-12-10T00:00:00')).toBeNull();
    await rollUpChecks(db, t('2026-12-11T00:03:00'));
    expect(await rollupOf(monitors.a, 'day', '2026-12-10T00:00:00')).toEqual({ checks: 5, failures: 1, failuresByCode: { http_503: 1 }, p50Ms: 100, p95Ms: 400, p99Ms: 400 });
  });

  it('gives uptime and response-time points over 24 hours, 7 days and 90 days, from the rollups', async () => {
    const now = t('2026-12-10T11:30:00');
    const ids = [monitors.a, monitors.idle, monitors.heartbeat];
    const day = await monitorStats(db, ids, '24h', now);
    // Since 2026-12-09 12:00: the hundred checks of 23:00 and today's five (one failed).
    expect(day.get(monitors.a)).toEqual({
      uptimePercent: 100 * (1 - 1 / 105),
      checks: 105,
      failures: 1,
      failuresByCode: { http_503: 1 },
      points: [
        { start: t('2026-12-09T23:00:00'), p50Ms: 50, p95Ms: 95, checks: 100, failures: 0 },
        { start: t('2026-12-10T10:00:00'), p50Ms: 300, p95Ms: 400, checks: 4, failures: 1 },
        { start: t('2026-12-10T11:00:00'), p50Ms: 50, p95Ms: 50, checks: 1, failures: 0 },
      ],
    });
    expect(day.get(monitors.idle)).toEqual({ uptimePercent: null, checks: 0, failures: 0, failuresByCode: {}, points: [] });
    expect(day.get(monitors.heartbeat)).toMatchObject({ uptimePercent: 100, checks: 2 });
    const week = (await monitorStats(db, ids, '7d', now)).get(monitors.a)!;
    expect(week).toMatchObject({ checks: 121, failures: 4, uptimePercent: 100 * (1 - 4 / 121) });
    expect(week.points.map((point) => point.start.toISOString().slice(0, 13))).toEqual(['2026-12-08T05', '2026-12-08T07', '2026-12-09T23', '2026-12-10T10', '2026-12-10T11']);
    // The 10th not rolled up yet (as until its day is over): summed from its hours, 10:00 (4 checks,
    // median 300, p95 400) and 11:00 (1, 50): the checks-weighted median of the hours' medians, the highest p95.
    const rolled = await db.monitorRollup.findUniqueOrThrow({ where: { monitorId_period_start: { monitorId: monitors.a, period: 'day', start: t('2026-12-10T00:00:00') } } });
    await db.monitorRollup.delete({ where: { monitorId_period_start: { monitorId: monitors.a, period: 'day', start: rolled.start } } });
    const quarter = (await monitorStats(db, ids, '90d', now)).get(monitors.a)!;
    expect(quarter).toMatchObject({ checks: 121, failures: 4 });
    expect(quarter.points).toEqual([
      { start: t('2026-12-08T00:00:00'), p50Ms: 70, p95Ms: 900, checks: 16, failures: 3 },
      { start: t('2026-12-09T00:00:00'), p50Ms: 50, p95Ms: 95, checks: 100, failures: 0 },
      { start: t('2026-12-10T00:00:00'), p50Ms: 300, p95Ms: 400, checks: 5, failures: 1 },
    ]);
    // The next day, before the job has run: still from its hours; once rolled up, its own row, from all its checks.
    expect((await monitorStats(db, ids, '90d', t('2026-12-11T00:01:00'))).get(monitors.a)!.points.at(-1)).toMatchObject({ start: t('2026-12-10T00:00:00'), p50Ms: 300 });
    await rollUpChecks(db, t('2026-12-11T00:03:00'));
    expect((await monitorStats(db, ids, '90d', t('2026-12-11T06:00:00'))).get(monitors.a)!.points.at(-1)).toEqual({ start: t('2026-12-10T00:00:00'), p50Ms: 100, p95Ms: 400, checks: 5, failures: 1 });
    // Eight days on, the 8th has left the 7-day range, and the 24-hour one is empty.
    expect((await monitorStats(db, ids, '7d', t('2026-12-16T06:00:00'))).get(monitors.a)).toMatchObject({ checks: 105 });
    expect((await monitorStats(db, ids, '24h', t('2026-12-16T06:00:00'))).get(monitors.a)).toMatchObject({ checks: 0, uptimePercent: null });
  });

  it('prunes raw checks past their days once rolled up, hourly rollups past theirs, and keeps daily ones', async () => {
    // Old checks of a monitor never rolled up: kept, whatever their age.
    await addChecks(monitors.unrolled, [{ at: '2026-11-20T10:00:00' }]);
    const now = t('2026-12-17T12:00:00');
    const daysBefore = await rollups(monitors.a).then((rows) => rows.filter((row) => row.period === 'day'));
    const pruned = await pruneMonitorData(db, now, { checkDays: 7, rollupDays: 8 });
    // Checks before 2026-12-10 go; today's stay, and so do the unrolled monitor's.
    expect((await checkTimes(monitors.a)).every((at) => at >= '2026-12-10')).toBe(true);
    expect(await checkTimes(monitors.a)).toHaveLength(5);
    expect(await checkTimes(monitors.unrolled)).toEqual(['2026-11-20T10:00:00.000Z']);
    expect(await checkTimes(monitors.heartbeat)).toHaveLength(2);
    // Hours before 2026-12-09 12:00 go.
    const hours = (await rollups(monitors.a)).filter((row) => row.period === 'hour').map((row) => row.start.toISOString().slice(0, 13));
    expect(hours).toEqual(['2026-12-09T23', '2026-12-10T10', '2026-12-10T11']);
    expect((await rollups(monitors.a)).filter((row) => row.period === 'day')).toEqual(daysBefore);
    expect(pruned).toEqual({ checks: 116, hourRollups: 2, dayRollups: 0 });
    // Rolling up afterwards brings nothing back and changes nothing.
    const after = await rollups();
    await rollUpChecks(db, now);
    expect((await rollups()).filter((row) => row.monitorId !== monitors.unrolled)).toEqual(after);
    // Daily rows go after 400 days.
    await pruneMonitorData(db, t('2028-01-13T00:00:00'), { checkDays: 7, rollupDays: 90 });
    expect((await rollups(monitors.a)).map((row) => `${row.period} ${row.start.toISOString().slice(0, 10)}`)).toEqual(['day 2026-12-09', 'day 2026-12-10']);
  });

  it('runs the maintenance once across instances at a time', async () => {
    if (provider === 'sqlite') {
      expect(await runMonitorMaintenance(db, t('2026-12-17T12:00:00'))).toBe(true);
      return;
    }
    const other = createDb(database.url);
    try {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let held!: () => void;
      const holding = new Promise<void>((resolve) => (held = resolve));
      // Another instance in the middle of a run: it holds the run's lock until its transaction ends.
      const running = other.$transaction(async (tx) => {
        await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(hashtext($1))', 'gatewatch.monitor-maintenance');
        held();
        await released;
      });
      await holding;
      expect(await runMonitorMaintenance(db, t('2026-12-17T12:00:00'))).toBe(false);
      release();
      await running;
      expect(await runMonitorMaintenance(db, t('2026-12-17T12:00:00'))).toBe(true);
    } finally {
      await other.$disconnect();
    }
  });

  it('keeps rolling up on its own once started, as the server does', async () => {
    const now = new Date();
    await db.monitorCheck.create({ data: { id: newId(), monitorId: monitors.idle, at: now, ok: true, durationMs: 42 } });
    const stop = startMonitorMaintenanceJob(db, { checkDays: 7, rollupDays: 90 }, { tickMs: 20 });
    try {
      await expect.poll(() => rollupOf(monitors.idle, 'hour', startOfHour(now).toISOString().slice(0, -1)), { timeout: 10_000 }).toMatchObject({ checks: 1, p50Ms: 42 });
    } finally {
      stop();
    }
  });
});

describe('retention settings', () => {
  it('default to 7 days of checks and 90 of hourly rollups, and refuse less than 1 and 7', () => {
    expect(parseEnv({})).toMatchObject({ MONITOR_CHECK_RETENTION_DAYS: 7, MONITOR_ROLLUP_RETENTION_DAYS: 90 });
    expect(parseEnv({ MONITOR_CHECK_RETENTION_DAYS: '2', MONITOR_ROLLUP_RETENTION_DAYS: '30' })).toMatchObject({ MONITOR_CHECK_RETENTION_DAYS: 2, MONITOR_ROLLUP_RETENTION_DAYS: 30 });
    expect(() => parseEnv({ MONITOR_CHECK_RETENTION_DAYS: '0' })).toThrow(/MONITOR_CHECK_RETENTION_DAYS/);
    expect(() => parseEnv({ MONITOR_ROLLUP_RETENTION_DAYS: '6' })).toThrow(/MONITOR_ROLLUP_RETENTION_DAYS/);
  });
});
