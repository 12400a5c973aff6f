import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/access/permissions';
import { createMaintenance, runMaintenanceSchedule } from '@/lib/maintenance/maintenance';
import { createDb } from '@/lib/db/client';
import { seedDemo } from '@/lib/seed/demo';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '../helpers/databases';

const HOUR = 3_600_000;

describe.each(PROVIDERS)('scheduled maintenance on %s', (provider) => {
  let database: TestDatabase;
  let cdn: string;
  let storage: string;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await seedDemo(database.db, { pageUrl: 'https://status.example.com' });
    cdn = (await database.db.component.findFirstOrThrow({ where: { name: 'CDN' } })).id;
    storage = (await database.db.component.findFirstOrThrow({ where: { name: 'Object storage' } })).id;
  });
  afterAll(() => database.drop());

  const statusOf = async (id: string) => (await database.db.component.findUniqueOrThrow({ where: { id } })).status;
  const maintenanceStatus = async (id: string) => (await database.db.incident.findUniqueOrThrow({ where: { id } })).status;

  it('starts on its own at its start and completes at its end, moving its components', async () => {
    const start = new Date(Date.now() + 10 * HOUR);
    const end = new Date(start.getTime() + 2 * HOUR);
    const maintenance = await createMaintenance(database.db, { name: 'CDN upgrade', body: 'Planned.', scheduledFor: start, scheduledUntil: end, componentIds: [cdn] }, SYSTEM_ACTOR);
    expect(maintenance).toMatchObject({ kind: 'maintenance', status: 'scheduled', impact: 'maintenance' });

    expect(await runMaintenanceSchedule(database.db, new Date(start.getTime() - 60_000))).not.toContain(`${maintenance.id}:in_progress`);
    expect(await statusOf(cdn)).toBe('operational');

    expect(await runMaintenanceSchedule(database.db, start)).toContain(`${maintenance.id}:in_progress`);
    expect(await maintenanceStatus(maintenance.id)).toBe('in_progress');
    expect(await statusOf(cdn)).toBe('under_maintenance');
    // Running again changes nothing more.
    expect(await runMaintenanceSchedule(database.db, new Date(start.getTime() + 60_000))).not.toContain(`${maintenance.id}:in_progress`);

    expect(await runMaintenanceSchedule(database.db, end)).toContain(`${maintenance.id}:completed`);
    expect(await maintenanceStatus(maintenance.id)).toBe('completed');
    expect(await statusOf(cdn)).toBe('operational');
    const updates = await database.db.incidentUpdate.findMany({ where: { incidentId: maintenance.id }, orderBy: { displayAt: 'asc' } });
    expect(updates.map((update) => update.status)).toEqual(['scheduled', 'in_progress', 'completed']);
  });

  // Several instances share a PostgreSQL database; a SQLite file is served by one process.
  if (provider === 'postgresql') it('moves a window once when several instances run the schedule at the same moment', async () => {
    const start = new Date(Date.now() + 20 * HOUR);
    const end = new Date(start.getTime() + HOUR);
    const maintenance = await createMaintenance(database.db, { body: 'A message.', name: 'Storage upgrade', scheduledFor: start, scheduledUntil: end, componentIds: [storage] }, SYSTEM_ACTOR);
    // Each instance has its own client (its own connections), as separate processes would.
    const instances = [createDb(database.url), createDb(database.url), createDb(database.url)];
    for (const [moment, status] of [[start, 'in_progress'], [end, 'completed']] as const) {
      const done = await Promise.all(instances.map((db) => runMaintenanceSchedule(db, moment)));
      expect(done.flat().filter((entry) => entry === `${maintenance.id}:${status}`)).toHaveLength(1);
      expect(await database.db.incidentUpdate.count({ where: { incidentId: maintenance.id, status } })).toBe(1);
    }
    expect(await database.db.componentStatusChange.count({ where: { componentId: storage, status: 'under_maintenance', at: start } })).toBe(1);
    await Promise.all(instances.map((db) => db.$disconnect()));
  });

  it('stays put when automation is turned off for it', async () => {
    const start = new Date(Date.now() + 20 * HOUR);
    const maintenance = await createMaintenance(database.db, { body: 'A message.',
      name: 'Manual storage work',
      scheduledFor: start,
      scheduledUntil: new Date(start.getTime() + HOUR),
      componentIds: [storage],
      autoInProgress: false,
      autoCompleted: false,
    }, SYSTEM_ACTOR);
    await runMaintenanceSchedule(database.db, new Date(start.getTime() + 2 * HOUR));
    expect(await maintenanceStatus(maintenance.id)).toBe('scheduled');
    expect(await statusOf(storage)).toBe('operational');
  });

  it('refuses a window that ends before it starts, or names an unknown component, writing nothing', async () => {
    const before = await database.db.incident.count();
    const start = new Date(Date.now() + HOUR);
    await expect(createMaintenance(database.db, { body: 'A message.', name: 'Backwards', scheduledFor: start, scheduledUntil: start }, SYSTEM_ACTOR)).rejects.toThrow(/after the start/);
    await expect(createMaintenance(database.db, { body: 'A message.', name: 'Nowhere', scheduledFor: start, scheduledUntil: new Date(start.getTime() + HOUR), componentIds: ['nosuchcompon'] }, SYSTEM_ACTOR)).rejects.toMatchObject({ status: 404 });
    expect(await database.db.incident.count()).toBe(before);
  });

  it('at its end leaves a component another window still holds, and gives one an open incident affects its status back', async () => {
    const [database_, webhooks] = [
      (await database.db.component.findFirstOrThrow({ where: { name: 'Database' } })).id,
      (await database.db.component.findFirstOrThrow({ where: { name: 'Email notifications' } })).id,
    ];
    const start = new Date(Date.now() + 30 * HOUR);
    const short = await createMaintenance(database.db, { body: 'A message.', name: 'Short', scheduledFor: start, scheduledUntil: new Date(start.getTime() + HOUR), componentIds: [database_, webhooks] }, SYSTEM_ACTOR);
    const long = await createMaintenance(database.db, { body: 'A message.', name: 'Long', scheduledFor: start, scheduledUntil: new Date(start.getTime() + 3 * HOUR), componentIds: [database_] }, SYSTEM_ACTOR);
    // An incident already degrading the email notifications when the windows start.
    const { createIncident } = await import('@/lib/incidents/create-incident');
    await createIncident(database.db, { body: 'A message.', name: 'Slow emails', components: { [webhooks]: 'degraded_performance' } }, SYSTEM_ACTOR);
    await runMaintenanceSchedule(database.db, start);
    expect([await statusOf(database_), await statusOf(webhooks)]).toEqual(['under_maintenance', 'under_maintenance']);

    expect(await runMaintenanceSchedule(database.db, new Date(start.getTime() + HOUR))).toContain(`${short.id}:completed`);
    expect(await statusOf(database_)).toBe('under_maintenance');
    expect(await statusOf(webhooks)).toBe('degraded_performance');

    expect(await runMaintenanceSchedule(database.db, new Date(start.getTime() + 3 * HOUR))).toContain(`${long.id}:completed`);
    expect(await statusOf(database_)).toBe('operational');
  });
});
