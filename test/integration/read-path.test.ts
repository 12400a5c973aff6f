import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/access/permissions';
import { setComponentStatus } from '@/lib/components/manage-components';
import { createIncident } from '@/lib/incidents/create-incident';
import { onLocalChange } from '@/lib/db/writes';
import { ReadPath } from '@/lib/read-path/read-path';
import { renderStatuspageJson } from '@/lib/read-path/public-routes';
import { seedDemo } from '@/lib/seed/demo';
import { buildSnapshot } from '@/lib/status/build-snapshot';
import { getHistoryPage } from '@/lib/status/history';
import { createDb } from '@/lib/db/client';
import { createTestDatabase, cutOffPostgresDatabase, PROVIDERS, type TestDatabase } from '../helpers/databases';

const COMPONENT_KEYS = ['id', 'name', 'status', 'created_at', 'updated_at', 'position', 'description', 'showcase', 'start_date', 'group_id', 'page_id', 'group', 'only_show_if_degraded'];
const INCIDENT_KEYS = ['id', 'name', 'status', 'created_at', 'updated_at', 'monitoring_at', 'resolved_at', 'impact', 'shortlink', 'started_at', 'page_id', 'incident_updates', 'components'];
const UPDATE_KEYS = ['id', 'status', 'body', 'incident_id', 'created_at', 'updated_at', 'display_at', 'affected_components', 'deliver_notifications', 'custom_tweet', 'tweet_id'];
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

const json = (readPathSnapshot: Parameters<typeof renderStatuspageJson>[0], endpoint: string) =>
  JSON.parse(renderStatuspageJson(readPathSnapshot, endpoint).body.toString());

describe.each(PROVIDERS)('read path on %s', (provider) => {
  let database: TestDatabase;
  let snapshotFile: string;
  const now = new Date();

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    snapshotFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gatewatch-snap-')), 'snapshot.json');
    await seedDemo(database.db, { pageUrl: 'https://status.example.com', now });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('builds the demo snapshot: groups, states, incidents, maintenance, 90-day uptime', async () => {
    const snapshot = await buildSnapshot(database.db, now);
    expect(snapshot.groups.map((group) => group.name)).toEqual(['Website & API', 'Infrastructure', 'Integrations']);
    expect(new Set(snapshot.components.map((component) => component.status))).toEqual(
      new Set(['operational', 'partial_outage', 'degraded_performance']),
    );
    expect(snapshot.groups[0].status).toBe('partial_outage');
    expect(snapshot.status).toEqual({ indicator: 'major', description: 'Partial System Outage' });
    const active = snapshot.incidents.filter((incident) => incident.status !== 'resolved');
    expect(active).toHaveLength(1);
    expect(active[0].updates.length).toBeGreaterThanOrEqual(3);
    expect(snapshot.incidents.length).toBeGreaterThanOrEqual(7);
    expect(snapshot.maintenances.map((maintenance) => maintenance.status)).toEqual(['scheduled']);
    for (const component of snapshot.components) {
      expect(component.uptime.days).toHaveLength(90);
      expect(component.uptime.percent).toBeGreaterThan(0.99);
    }
    const website = snapshot.components.find((component) => component.name === 'Website')!;
    expect(website.uptime.percent).toBeLessThan(1);
    expect(Object.keys(website.uptime.incidentsByDay)).toHaveLength(1);
    // History reaches back to the oldest incident.
    const last = getHistoryPage(snapshot, getHistoryPage(snapshot, 1)!.totalPages)!;
    expect(last.months.flatMap((month) => month.items).at(-1)!.name).toBe('Dashboard login failures');
  });

  it('serves every v2 endpoint in the Statuspage shape', async () => {
    const snapshot = await buildSnapshot(database.db, now);
    const summary = json(snapshot, 'summary.json');
    expect(Object.keys(summary)).toEqual(['page', 'components', 'incidents', 'scheduled_maintenances', 'status']);
    expect(Object.keys(summary.page)).toEqual(['id', 'name', 'url', 'time_zone', 'updated_at']);
    expect(summary.page.time_zone).toBe('Etc/UTC');
    expect(summary.page.updated_at).toMatch(ISO);
    const group = summary.components.find((entry: { group: boolean }) => entry.group);
    expect(Object.keys(group)).toEqual([...COMPONENT_KEYS, 'components']);
    expect(group.group_id).toBeNull();
    for (const childId of group.components) {
      const child = summary.components.find((entry: { id: string }) => entry.id === childId);
      expect(Object.keys(child)).toEqual(COMPONENT_KEYS);
      expect(child.group_id).toBe(group.id);
    }
    expect(summary.incidents).toHaveLength(1);
    const incident = summary.incidents[0];
    expect(Object.keys(incident)).toEqual(INCIDENT_KEYS);
    expect(incident.shortlink).toBe(`https://status.example.com/incidents/${incident.id}`);
    expect(Object.keys(incident.incident_updates[0])).toEqual(UPDATE_KEYS);
    expect(incident.incident_updates.map((update: { status: string }) => update.status)).toEqual(['identified', 'investigating', 'investigating']);
    expect(incident.incident_updates[0].affected_components[0]).toEqual({
      code: expect.any(String),
      name: expect.any(String),
      old_status: expect.any(String),
      new_status: expect.any(String),
    });
    expect(incident.components.map((component: { name: string }) => component.name).sort()).toEqual(['Public API', 'Webhooks']);
    expect(summary.scheduled_maintenances).toHaveLength(1);
    expect(Object.keys(summary.scheduled_maintenances[0])).toEqual([...INCIDENT_KEYS, 'scheduled_for', 'scheduled_until']);
    expect(summary.scheduled_maintenances[0].impact).toBe('maintenance');
    expect(summary.status).toEqual({ indicator: 'major', description: 'Partial System Outage' });

    expect(Object.keys(json(snapshot, 'status.json'))).toEqual(['page', 'status']);
    expect(json(snapshot, 'components.json').components).toEqual(summary.components);
    expect(json(snapshot, 'incidents.json').incidents.length).toBe(snapshot.incidents.length);
    expect(json(snapshot, 'incidents/unresolved.json').incidents.map((i: { id: string }) => i.id)).toEqual([incident.id]);
    const resolved = json(snapshot, 'incidents/resolved.json').incidents;
    expect(resolved.every((i: { status: string }) => i.status === 'resolved')).toBe(true);
    expect(resolved.length).toBe(snapshot.incidents.length - 1);
    expect(json(snapshot, 'scheduled-maintenances.json').scheduled_maintenances).toHaveLength(1);
    expect(json(snapshot, 'scheduled-maintenances/upcoming.json').scheduled_maintenances).toHaveLength(1);
    expect(json(snapshot, 'scheduled-maintenances/active.json').scheduled_maintenances).toHaveLength(0);
    expect(renderStatuspageJson(snapshot, 'status.json').variants.identity.headers['access-control-allow-origin']).toBe('*');
  });

  it('rebuilds after a write through lib, and keeps its version when nothing changed', async () => {
    // A fixed clock: today's uptime moves with time during an outage, which is a visible change.
    const readPath = new ReadPath({ db: () => database.db, snapshotFile, now: () => now });
    const stop = onLocalChange(() => void readPath.refresh());
    try {
      const before = await readPath.get();
      await readPath.refresh();
      expect(readPath.peek()!.version).toBe(before.version);

      const website = before.snapshot.components.find((component) => component.name === 'Website')!;
        await setComponentStatus(database.db, { componentId: website.id, status: 'major_outage' }, SYSTEM_ACTOR, now);
      await readPath.refresh(); // joins the rebuild the write started
      const afterStatus = readPath.peek()!;
      expect(afterStatus.version).not.toBe(before.version);
      expect(afterStatus.snapshot.components.find((component) => component.id === website.id)!.status).toBe('major_outage');
      expect(afterStatus.snapshot.status.indicator).toBe('critical');

      await createIncident(database.db, {
        name: 'Login page answers 502 Bad Gateway',
        impact: 'critical',
        body: 'We are looking into it.',
        components: { [website.id]: 'major_outage' },
      }, SYSTEM_ACTOR);
      await readPath.refresh();
      const unresolved = JSON.parse(renderStatuspageJson(readPath.peek()!.snapshot, 'incidents/unresolved.json').body.toString());
      expect(unresolved.incidents.map((incident: { name: string }) => incident.name)).toContain('Login page answers 502 Bad Gateway');
      expect(JSON.parse(fs.readFileSync(snapshotFile, 'utf8')).snapshot.incidents.some((i: { name: string }) => i.name.startsWith('Login page'))).toBe(true);
    } finally {
      stop();
    }
  });

  it('refuses an incident naming an unknown component and writes nothing', async () => {
    const count = await database.db.incident.count();
    await expect(
      createIncident(database.db, { body: 'A message.', name: 'x', components: { nosuchcomponent: 'major_outage' } }, SYSTEM_ACTOR),
    ).rejects.toMatchObject({ code: 'not_found', status: 404 });
    expect(await database.db.incident.count()).toBe(count);
  });

  it('serves the last good snapshot, marked stale, when the database is unreachable', async () => {
    const good = new ReadPath({ db: () => database.db, snapshotFile });
    const live = await good.get();
    expect(live.freshness.live).toBe(true);

    // SQLite: a "file" that cannot be opened (a directory). PostgreSQL: the database refuses connections.
    const broken = createDb(provider === 'sqlite' ? `file:${os.tmpdir()}` : database.url);
    const restore = provider === 'postgresql' ? await cutOffPostgresDatabase(database.url) : async () => {};
    try {
      // A running instance keeps its snapshot and says it is stale.
      const running = new ReadPath({ db: () => broken, snapshotFile });
      running.loadFromDisk();
      await running.refresh();
      const stale = running.peek()!;
      expect(stale.freshness.live).toBe(false);
      expect(stale.freshness.failingSince).toMatch(ISO);
      expect(stale.snapshot.page.name).toBe(live.snapshot.page.name);

      // A fresh process with the database still down starts from the file on disk.
      const restarted = new ReadPath({ db: () => broken, snapshotFile });
      const current = await restarted.get();
      expect(current.freshness.live).toBe(false);
      expect(current.snapshot.incidents.map((incident) => incident.id)).toEqual(live.snapshot.incidents.map((incident) => incident.id));
    } finally {
      await restore();
      await broken.$disconnect().catch(() => {});
    }
  });
});
