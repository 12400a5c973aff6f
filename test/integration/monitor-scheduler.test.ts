// Claiming due checks through the database, as several Gatewatch processes do: each check is claimed
// by one of them per interval, and is due again one interval later if its claimer died. On
// PostgreSQL each "instance" here has its own client (its own connections). SQLite's driver is
// synchronous, so connections in one process would block each other's thread: there the claimers
// share one client, as one process's callers do (separate processes are tested with real servers).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/access/permissions';
import { createComponent } from '@/lib/components/manage-components';
import { createDb, type Db } from '@/lib/db/client';
import { createMonitor } from '@/lib/monitors/manage-monitors';
import { claimDueMonitors } from '@/lib/monitors/scheduler';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '../helpers/databases';

describe.each(PROVIDERS)('claiming due checks on %s', (provider) => {
  let database: TestDatabase;
  let instances: Db[];
  const start = new Date('2026-11-30T12:00:00Z');
  const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const component = await createComponent(database.db, { name: 'API' }, SYSTEM_ACTOR, start);
    for (let index = 0; index < 60; index++) {
      await createMonitor(database.db, { name: `m${index}`, componentId: component.id, kind: 'tcp', settings: { host: '127.0.0.1', port: 1 }, intervalSeconds: index % 2 ? 30 : 60 }, SYSTEM_ACTOR, start);
    }
    instances = provider === 'postgresql' ? [createDb(database.url), createDb(database.url), createDb(database.url)] : [database.db];
  });
  afterAll(async () => {
    if (provider === 'postgresql') await Promise.all(instances?.map((db) => db.$disconnect()) ?? []);
    await database?.drop();
  });

  it('gives each due check to exactly one instance, once per interval', async () => {
    const claims = async (now: Date) => (await Promise.all(instances.flatMap((db) => [claimDueMonitors(db, now, 7), claimDueMonitors(db, now, 7)]))).flat().map((monitor) => monitor.name);
    // Claimers of up to 7 each, 60 due, all at once: claiming again until none is left.
    const first: string[] = [];
    for (let round = 0; round < 10; round++) first.push(...(await claims(at(1))));
    expect(first).toHaveLength(60);
    expect(new Set(first).size).toBe(60);
    // Nothing is due again before its interval has passed, whoever asks.
    expect(await claims(at(20))).toEqual([]);
    const after30 = (await claims(at(31))).concat(await claims(at(31)), await claims(at(31)));
    expect(after30.sort()).toEqual(Array.from({ length: 30 }, (_, index) => `m${index * 2 + 1}`).sort());
  });

  it('skips paused monitors', async () => {
    await database.db.monitor.updateMany({ data: { paused: true } });
    expect(await claimDueMonitors(instances[0], at(3600))).toEqual([]);
  });
});
