// Badges, feeds and the calendar rendered from a real snapshot, read back by real parsers.
import { parseFeed } from '@rowanmanning/feed-parser';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Artifact } from '@/lib/http/artifact';
import { resolvePublicRoute } from '@/lib/read-path/public-routes';
import { seedDemo } from '@/lib/seed/demo';
import { buildSnapshot } from '@/lib/status/build-snapshot';
import type { Snapshot } from '@/lib/status/snapshot-types';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '../helpers/databases';

function fetchFromSnapshot(snapshot: Snapshot, path: string) {
  const url = new URL(path, 'http://x');
  const route = resolvePublicRoute(url.pathname, url.searchParams, snapshot);
  if (route?.kind !== 'artifact') return null;
  // Every route but the error pages renders at once.
  return route.render(snapshot) as Artifact;
}

describe.each(PROVIDERS)('embedding on %s', (provider) => {
  let database: TestDatabase;
  let snapshot: Snapshot;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await seedDemo(database.db, { pageUrl: 'https://status.example.com' });
    // An operator's markup and a control character must not break the XML.
    const incident = await database.db.incident.findFirstOrThrow({ where: { status: 'identified' } });
    await database.db.incident.update({ where: { id: incident.id }, data: { name: 'Errors <502> & "timeouts"\u0007' } });
    const maintenance = await database.db.incident.findFirstOrThrow({ where: { kind: 'maintenance' } });
    await database.db.incident.update({ where: { id: maintenance.id }, data: { name: 'Upgrade; then, reboot\\ \u0007Q&A' } });
    snapshot = await buildSnapshot(database.db);
  });
  afterAll(() => database.drop());

  it.each(['/history.atom', '/history.rss'])('%s reads in a feed parser: every incident, newest first, linked', (path) => {
    const artifact = fetchFromSnapshot(snapshot, path)!;
    expect(artifact.variants.identity.headers['content-type']).toMatch(path.endsWith('atom') ? /^application\/atom\+xml/ : /^application\/rss\+xml/);
    const feed = parseFeed(artifact.body.toString('utf8'));
    expect(feed.title).toBe('Gatewatch Demo Status - Incident History');
    const all = [...snapshot.incidents, ...snapshot.maintenances];
    expect(feed.items).toHaveLength(all.length);
    const active = feed.items.find((item) => item.title === 'Errors <502> & "timeouts"')!;
    expect(active.url).toMatch(/^https:\/\/status\.example\.com\/incidents\/[a-z0-9]{12}$/);
    expect(active.content ?? active.description).toContain('<strong>Identified</strong>');
    expect(active.content ?? active.description).toContain('<li>No data was lost</li>');
    const times = feed.items.map((item) => item.published!.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('has a feed per component, by slug or id, and none for an unknown one', () => {
    const webhooks = snapshot.components.find((component) => component.name === 'Webhooks')!;
    const bySlug = parseFeed(fetchFromSnapshot(snapshot, '/history.atom?component=webhooks')!.body.toString());
    const byId = parseFeed(fetchFromSnapshot(snapshot, `/history.rss?component=${webhooks.id}`)!.body.toString());
    expect(bySlug.title).toBe('Gatewatch Demo Status - Webhooks Incident History');
    const expected = snapshot.incidents.filter((incident) => incident.componentIds.includes(webhooks.id)).map((incident) => incident.name.replace('\u0007', '')).sort();
    expect(bySlug.items.map((item) => item.title).sort()).toEqual(expected);
    expect(byId.items.map((item) => item.title).sort()).toEqual(expected);
    expect(fetchFromSnapshot(snapshot, '/history.atom?component=nothing-here')).toBeNull();
  });

  it('/maintenance.ics reads in an iCalendar parser with each window, in UTC', () => {
    const artifact = fetchFromSnapshot(snapshot, '/maintenance.ics')!;
    const text = artifact.body.toString('utf8');
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
    const [maintenance] = snapshot.maintenances;
    expect(events).toHaveLength(1);
    expect(events[0].summary).toBe('Upgrade; then, reboot\\ Q&A');
    expect(events[0].startDate.toJSDate().toISOString()).toBe(maintenance.scheduledFor);
    expect(events[0].endDate.toJSDate().toISOString()).toBe(maintenance.scheduledUntil);
    expect(events[0].uid).toBe(`${maintenance.id}@status.example.com`);
    expect(events[0].description).toContain('Affected: Database, Public API');
  });

  it('draws badges from the live data', () => {
    expect(JSON.parse(fetchFromSnapshot(snapshot, '/badge.json')!.body.toString())).toMatchObject({ message: 'partial outage', color: 'orange' });
    expect(JSON.parse(fetchFromSnapshot(snapshot, '/badge/webhooks.json')!.body.toString())).toMatchObject({ label: 'Webhooks', message: 'degraded performance' });
    const uptime = JSON.parse(fetchFromSnapshot(snapshot, '/badge/public-api/uptime.json?days=7')!.body.toString());
    expect(uptime.message).toMatch(/^\d{2}\.\d{2}%$/);
  });
});
