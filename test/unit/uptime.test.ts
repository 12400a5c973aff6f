import { describe, expect, it } from 'vitest';
import { computeUptime, formatUptime, groupUptimeRuns, trackedSince, uptimeCaption } from '@/lib/status/uptime';
import { lastDays, startOfDay } from '@/lib/time';

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

describe('computeUptime', () => {
  const days = ['2026-03-01', '2026-03-02', '2026-03-03'];
  const now = at('2026-03-04T00:00:00Z');

  it('counts a major outage fully, a partial outage at 30%, degradation and maintenance not at all', () => {
    const result = computeUptime({
      timeZone: 'Etc/UTC',
      now,
      days,
      changes: [
        { status: 'operational', at: at('2026-02-01T00:00:00Z') },
        { status: 'major_outage', at: at('2026-03-01T10:00:00Z') },
        { status: 'operational', at: at('2026-03-01T16:00:00Z') }, // 6h major on day 1
        { status: 'partial_outage', at: at('2026-03-02T00:00:00Z') },
        { status: 'operational', at: at('2026-03-02T10:00:00Z') }, // 10h partial on day 2
        { status: 'degraded_performance', at: at('2026-03-03T01:00:00Z') },
        { status: 'under_maintenance', at: at('2026-03-03T05:00:00Z') },
        { status: 'operational', at: at('2026-03-03T07:00:00Z') },
      ],
    });
    expect(result.days.map((day) => day.uptime)).toEqual([1 - 6 / 24, 1 - (10 * 0.3) / 24, 1]);
    expect(result.days.map((day) => day.worst)).toEqual(['major_outage', 'partial_outage', 'degraded_performance']);
    expect(result.uptime).toBeCloseTo(1 - (6 + 3) / 72, 10);
  });

  it('gives the last 7, 30 and 90 days weighted by the time each day covered', () => {
    const tenDays = Array.from({ length: 10 }, (_, index) => `2026-03-${String(index + 1).padStart(2, '0')}`);
    const result = computeUptime({
      timeZone: 'Etc/UTC',
      now: at('2026-03-10T12:00:00Z'), // today counts 12 hours so far
      days: tenDays,
      changes: [
        { status: 'operational', at: at('2026-02-01T00:00:00Z') },
        { status: 'major_outage', at: at('2026-03-01T00:00:00Z') },
        { status: 'operational', at: at('2026-03-01T12:00:00Z') }, // 12h down, outside the last 7 days
        { status: 'partial_outage', at: at('2026-03-10T00:00:00Z') },
        { status: 'operational', at: at('2026-03-10T06:00:00Z') }, // 6h at 30% today
      ],
    });
    expect(result.lastDays[7]).toBeCloseTo(1 - 1.8 / (6 * 24 + 12), 10);
    expect(result.lastDays[30]).toBeCloseTo(1 - 13.8 / (9 * 24 + 12), 10);
    expect(result.lastDays[90]).toBe(result.lastDays[30]);
    expect(result.uptime).toBe(result.lastDays[30]);
  });

  it('carries a status across midnight from the day before the window', () => {
    const result = computeUptime({
      timeZone: 'Etc/UTC',
      now,
      days,
      changes: [
        { status: 'major_outage', at: at('2026-02-28T22:00:00Z') },
        { status: 'operational', at: at('2026-03-01T06:00:00Z') },
      ],
    });
    expect(result.days[0]).toEqual({ date: '2026-03-01', uptime: 1 - 6 / 24, worst: 'major_outage' });
    expect(result.days[1].uptime).toBe(1);
  });

  it('has no data before the start date, and counts a day only up to now', () => {
    const result = computeUptime({
      timeZone: 'Etc/UTC',
      now: at('2026-03-03T12:00:00Z'),
      days,
      startDate: '2026-03-02',
      changes: [
        { status: 'operational', at: at('2026-01-01T00:00:00Z') },
        { status: 'major_outage', at: at('2026-03-03T06:00:00Z') },
      ],
    });
    expect(result.days[0]).toEqual({ date: '2026-03-01', uptime: null, worst: null });
    expect(result.days[1].uptime).toBe(1);
    expect(result.days[2].uptime).toBe(0.5); // 6h of 12h counted so far
    expect(result.uptime).toBeCloseTo(1 - 6 / 36, 10);
  });

  it('measures a component created minutes ago over today so far: a 28 s outage is ~99.94%, not 72.83%', () => {
    const now = at('2026-03-10T14:02:00Z');
    const result = computeUptime({
      timeZone: 'Etc/UTC',
      now,
      days: lastDays(now, 'Etc/UTC', 90),
      changes: [
        { status: 'operational', at: at('2026-03-10T14:00:17Z') }, // created 103 s before now
        { status: 'major_outage', at: at('2026-03-10T14:01:00Z') },
        { status: 'operational', at: at('2026-03-10T14:01:28Z') },
      ],
    });
    // Today from its midnight until now (14h 2m); the hours before it existed count as up.
    const today = 1 - 28 / (14 * 3600 + 120);
    expect(result.days.at(-1)).toEqual({ date: '2026-03-10', uptime: today, worst: 'major_outage' });
    expect(result.days.slice(0, -1).every((day) => day.uptime === null && day.worst === null)).toBe(true);
    expect(result.uptime).toBe(today);
    expect(result.lastDays).toEqual({ 7: today, 30: today, 90: today });
    expect(formatUptime(result.uptime)).toBe('99.94%');
    expect(uptimeCaption({ percent: result.uptime, days: result.days })).toBe('99.94% uptime since Mar 10');
  });

  it('counts a first day whole: up before the component existed, its own history after', () => {
    const result = computeUptime({
      timeZone: 'Etc/UTC',
      now,
      days,
      changes: [
        { status: 'major_outage', at: at('2026-03-01T18:00:00Z') }, // created down at 18:00
        { status: 'operational', at: at('2026-03-02T06:00:00Z') },
      ],
    });
    expect(result.days[0]).toEqual({ date: '2026-03-01', uptime: 0.75, worst: 'major_outage' });
    expect(result.days[1]).toEqual({ date: '2026-03-02', uptime: 0.75, worst: 'major_outage' });
  });

  it('has no data before a start date, and counts the days from it on even before the first change', () => {
    const result = computeUptime({
      timeZone: 'Etc/UTC',
      now,
      days,
      startDate: '2026-03-02', // in service since then, added to the page a day later
      changes: [
        { status: 'operational', at: at('2026-03-03T12:00:00Z') },
        { status: 'major_outage', at: at('2026-03-03T18:00:00Z') },
      ],
    });
    expect(result.days.map((day) => day.uptime)).toEqual([null, 1, 0.75]);
    expect(result.days[1].worst).toBe('operational');
    expect(result.uptime).toBe(1 - 6 / 48);
  });

  it('gives the 90-day figure over the days with data only, weighted by time counted', () => {
    const now = at('2026-03-03T12:00:00Z');
    const result = computeUptime({
      timeZone: 'Etc/UTC',
      now,
      days: lastDays(now, 'Etc/UTC', 90),
      changes: [
        { status: 'operational', at: at('2026-03-01T18:00:00Z') },
        { status: 'major_outage', at: at('2026-03-02T10:00:00Z') },
        { status: 'operational', at: at('2026-03-02T11:00:00Z') },
      ],
    });
    expect(result.days.filter((day) => day.uptime !== null).map((day) => day.date)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    // 1 hour down over 24 + 24 + 12 hours: not over 90 days, and today weighs its 12 hours, not a whole day.
    expect(result.uptime).toBeCloseTo(1 - 1 / 60, 12);
    expect(result.lastDays[7]).toBe(result.uptime);
    expect(trackedSince(result.days)).toBe('2026-03-01');
    expect(trackedSince(result.days, 3)).toBeNull(); // the last 3 days all have data
  });

  it('has no data for a day not begun yet, nor anywhere without a first day', () => {
    const midnight = computeUptime({ timeZone: 'Etc/UTC', now: at('2026-03-03T00:00:00Z'), days, changes: [{ status: 'operational', at: at('2026-02-01T00:00:00Z') }] });
    expect(midnight.days.map((day) => day.uptime)).toEqual([1, 1, null]);
    const none = computeUptime({ timeZone: 'Etc/UTC', now, days, changes: [] });
    expect(none.days.every((day) => day.uptime === null)).toBe(true);
    expect(none.uptime).toBeNull();
    const future = computeUptime({ timeZone: 'Etc/UTC', now, days, startDate: '2026-03-10', changes: [{ status: 'operational', at: at('2026-03-01T00:00:00Z') }] });
    expect(future.uptime).toBeNull();
    expect(uptimeCaption({ percent: future.uptime, days: future.days })).toBe('No uptime data yet');
  });

  it('cuts days at the page time zone midnight, DST included', () => {
    const zone = 'America/New_York';
    // 2026-03-08 is 23 hours long in New York.
    expect(startOfDay('2026-03-09', zone).getTime() - startOfDay('2026-03-08', zone).getTime()).toBe(23 * HOUR);
    const result = computeUptime({
      timeZone: zone,
      now: at('2026-03-10T12:00:00Z'),
      days: ['2026-03-08'],
      changes: [
        { status: 'major_outage', at: startOfDay('2026-03-08', zone) },
        { status: 'operational', at: new Date(startOfDay('2026-03-08', zone).getTime() + 23 * HOUR / 2) },
      ],
    });
    expect(result.days[0].uptime).toBeCloseTo(0.5, 10);
  });

  it('lists the last N days ending today in the zone', () => {
    expect(lastDays(at('2026-03-01T03:00:00Z'), 'America/New_York', 3)).toEqual(['2026-02-26', '2026-02-27', '2026-02-28']);
  });
});

describe('groupUptimeRuns', () => {
  it('merges quiet days and keeps days with trouble or incidents alone', () => {
    const runs = groupUptimeRuns(
      [
        { date: '2026-03-01', uptime: null, worst: null },
        { date: '2026-03-02', uptime: 1, worst: 'operational' },
        { date: '2026-03-03', uptime: 1, worst: 'operational' },
        { date: '2026-03-04', uptime: 0.9, worst: 'major_outage' },
        { date: '2026-03-05', uptime: 1, worst: 'operational' },
        { date: '2026-03-06', uptime: 1, worst: 'operational' },
      ],
      { '2026-03-06': ['inc1'] },
    );
    expect(runs.map((run) => [run.from, run.length])).toEqual([
      ['2026-03-01', 1],
      ['2026-03-02', 2],
      ['2026-03-04', 1],
      ['2026-03-05', 1],
      ['2026-03-06', 1],
    ]);
    expect(runs[4].incidentIds).toEqual(['inc1']);
  });
});

describe('formatUptime', () => {
  it('never rounds downtime up to 100%', () => {
    expect(formatUptime(0.99999)).toBe('99.99%');
    expect(formatUptime(1)).toBe('100%');
    expect(formatUptime(null)).toBe('No data');
  });
});

describe('uptimeCaption', () => {
  it('says the figure, and since when for a component newer than the bar', () => {
    const day = (date: string, uptime: number | null) => ({ date, uptime, worst: uptime === null ? null : ('operational' as const) });
    expect(uptimeCaption({ percent: 0.9995, days: [day('2026-03-01', 1), day('2026-03-02', 0.999)] })).toBe('99.95% uptime');
    expect(uptimeCaption({ percent: 1, days: [day('2026-03-01', null), day('2026-03-02', 1)] })).toBe('100% uptime since Mar 2');
    expect(uptimeCaption({ percent: null, days: [day('2026-03-01', null), day('2026-03-02', null)] })).toBe('No uptime data yet');
  });
});

describe('wall-clock times in the page time zone', () => {
  it('turns a datetime-local value into the instant, across DST', async () => {
    const { wallClockToInstant } = await import('@/lib/time');
    expect(wallClockToInstant('2026-11-27T10:00', 'Europe/Berlin').toISOString()).toBe('2026-11-27T09:00:00.000Z');
    expect(wallClockToInstant('2026-07-01T10:00', 'Europe/Berlin').toISOString()).toBe('2026-07-01T08:00:00.000Z');
    expect(wallClockToInstant('2026-03-09T00:30', 'America/New_York').toISOString()).toBe('2026-03-09T04:30:00.000Z');
    expect(Number.isNaN(wallClockToInstant('tomorrow', 'Etc/UTC').getTime())).toBe(true);
    expect(Number.isNaN(wallClockToInstant('2026-02-30T10:00', 'Etc/UTC').getTime())).toBe(true);
    // Skipped by the spring change: forward, east and west of UTC alike.
    expect(wallClockToInstant('2026-03-29T02:30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
    expect(wallClockToInstant('2026-03-08T02:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
    // Happening twice in autumn: the first time, east and west alike.
    expect(wallClockToInstant('2026-10-25T02:30', 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z'); // CEST
    expect(wallClockToInstant('2026-11-01T01:30', 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z'); // EDT
    // A half-hour change, and a day whose midnight is skipped (it starts at 01:00).
    expect(wallClockToInstant('2026-10-04T02:15', 'Australia/Lord_Howe').toISOString()).toBe('2026-10-03T15:45:00.000Z'); // 02:45 +11
    expect(startOfDay('2026-09-06', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z'); // 01:00 -03
  });

  it('shows an instant as the wall-clock time a datetime-local input takes back', async () => {
    const { instantToWallClock, wallClockToInstant } = await import('@/lib/time');
    expect(instantToWallClock('2026-11-27T09:00:00Z', 'Europe/Berlin')).toBe('2026-11-27T10:00');
    expect(instantToWallClock('2026-07-01T08:00:00Z', 'Europe/Berlin')).toBe('2026-07-01T10:00');
    expect(instantToWallClock('2026-03-09T04:30:00Z', 'America/New_York')).toBe('2026-03-09T00:30');
    for (const instant of ['2026-10-25T00:30:00.000Z', '2026-06-15T23:59:00.000Z', '2026-01-01T00:00:00.000Z']) {
      expect(wallClockToInstant(instantToWallClock(instant, 'Asia/Kolkata'), 'Asia/Kolkata').toISOString()).toBe(instant);
    }
  });
});
