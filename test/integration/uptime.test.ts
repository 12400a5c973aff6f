// Uptime through the real data: components created and changed by the lib verbs, the snapshot built
// from the database, the figure and the words a visitor reads on the page and in badges.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/access/permissions';
import { createComponent, setComponentStatus } from '@/lib/components/manage-components';
import type { Artifact } from '@/lib/http/artifact';
import { resolvePublicRoute } from '@/lib/read-path/public-routes';
import { buildSnapshot } from '@/lib/status/build-snapshot';
import type { Snapshot } from '@/lib/status/snapshot-types';
import { formatUptime, uptimeCaption } from '@/lib/status/uptime';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '../helpers/databases';

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;
// 14:02 in New York (EDT): today has had 14 hours and 2 minutes so far.
const now = new Date('2026-03-10T18:02:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

function badge(snapshot: Snapshot, path: string) {
  const url = new URL(path, 'http://x');
  const route = resolvePublicRoute(url.pathname, url.searchParams, snapshot);
  if (route?.kind !== 'artifact') throw new Error(`no badge at ${path}`);
  return JSON.parse((route.render(snapshot) as Artifact).body.toString('utf8'));
}

describe.each(PROVIDERS)('uptime from the history on %s', (provider) => {
  let database: TestDatabase;
  let snapshot: Snapshot;
  const component = (name: string) => snapshot.components.find((entry) => entry.name === name)!;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await database.db.page.create({ data: { id: 'page', name: 'Example', url: 'https://status.example.com', timeZone: 'America/New_York' } });
    // Added 103 seconds ago, then down for 28 seconds.
    const search = await createComponent(database.db, { name: 'Search' }, SYSTEM_ACTOR, ago(103 * SECOND));
    await setComponentStatus(database.db, { componentId: search.id, status: 'major_outage' }, SYSTEM_ACTOR, ago(60 * SECOND));
    await setComponentStatus(database.db, { componentId: search.id, status: 'operational' }, SYSTEM_ACTOR, ago(32 * SECOND));
    // Added ten days ago (in the afternoon), one hour down five days ago.
    const web = await createComponent(database.db, { name: 'Web' }, SYSTEM_ACTOR, ago(10 * DAY));
    await setComponentStatus(database.db, { componentId: web.id, status: 'major_outage' }, SYSTEM_ACTOR, ago(5 * DAY));
    await setComponentStatus(database.db, { componentId: web.id, status: 'operational' }, SYSTEM_ACTOR, ago(5 * DAY - HOUR));
    // In service from tomorrow.
    await createComponent(database.db, { name: 'Billing', startDate: '2026-03-11' }, SYSTEM_ACTOR, ago(HOUR));
    snapshot = await buildSnapshot(database.db, now);
  });
  afterAll(() => database.drop());

  it('measures a component created minutes ago over today so far, not since it was created', () => {
    const { uptime } = component('Search');
    const today = 1 - 28 / (14 * 3600 + 120);
    expect(uptime.days.at(-1)).toEqual({ date: '2026-03-10', uptime: today, worst: 'major_outage' });
    expect(uptime.days.slice(0, -1).every((day) => day.uptime === null)).toBe(true);
    expect(uptime.percent).toBe(today);
    expect(formatUptime(uptime.percent)).toBe('99.94%');
    expect(uptimeCaption(uptime)).toBe('99.94% uptime since Mar 10');
    expect(badge(snapshot, '/badge/search/uptime.json?days=30')).toMatchObject({ label: 'uptime', message: '99.94% since Mar 10', color: 'brightgreen' });
  });

  it('gives the 90-day figure over the days with data, each counted from its midnight', () => {
    const { uptime } = component('Web');
    // Created Feb 28 at 13:02 EST: that day counts whole, the 79 days before it are no data.
    expect(uptime.days.findIndex((day) => day.uptime !== null)).toBe(79);
    expect(uptime.days[79]).toEqual({ date: '2026-02-28', uptime: 1, worst: 'operational' });
    expect(uptime.days.find((day) => day.date === '2026-03-05')).toMatchObject({ uptime: 1 - 1 / 24, worst: 'major_outage' });
    // One hour down over ten whole days (Mar 8 had 23 hours: clocks went forward) and today so far.
    expect(uptime.percent).toBeCloseTo(1 - 1 / (10 * 24 - 1 + 14 + 2 / 60), 12);
    expect(uptime.lastDays[7]).toBeCloseTo(1 - 1 / (6 * 24 - 1 + 14 + 2 / 60), 12);
    expect(uptimeCaption(uptime)).toBe('99.60% uptime since Feb 28');
    expect(badge(snapshot, '/badge/web/uptime.json?days=7')).toMatchObject({ label: 'uptime (7d)', message: '99.36%' });
  });

  it('says in words that a component not in service yet has no data', () => {
    const { uptime } = component('Billing');
    expect(uptime.percent).toBeNull();
    expect(uptime.days.every((day) => day.uptime === null)).toBe(true);
    expect(uptimeCaption(uptime)).toBe('No uptime data yet');
    expect(badge(snapshot, '/badge/billing/uptime.json')).toMatchObject({ label: 'uptime (90d)', message: 'no data yet', color: 'lightgrey' });
  });
});
