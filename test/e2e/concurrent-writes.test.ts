// Several scripts updating one incident at once through the admin API, on each database: a write
// that asks for no version check waits its turn and lands; one naming a stale version gets 409.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '@/lib/api-keys/api-keys';
import { SYSTEM_ACTOR } from '@/lib/access/permissions';
import { createIncident } from '@/lib/incidents/create-incident';
import { seedDemo } from '@/lib/seed/demo';
import { startGatewatch, type GatewatchProcess } from '@/scripts/lib/gatewatch-process';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '../helpers/databases';

const WRITERS = 4;
const WRITES_EACH = 15;

describe.each(PROVIDERS)('concurrent writes on %s', (provider) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gatewatch-concurrent-${provider}-`));
  let database: TestDatabase;
  let server: GatewatchProcess;
  let key: string;
  let base: string;
  let incidentId: string;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await seedDemo(database.db, { pageUrl: 'https://status.example.com' });
    key = (await createApiKey(database.db, { name: 'scripts', scopes: ['admin'] }, SYSTEM_ACTOR)).key;
    incidentId = (await createIncident(database.db, { name: 'Elevated 502s', body: 'Looking into it.' }, SYSTEM_ACTOR)).id;
    server = await startGatewatch({
      env: { DATABASE_URL: database.url, SNAPSHOT_PATH: path.join(dir, 'snapshot.json'), AUTH_SECRET_PATH: path.join(dir, 'auth-secret'), DEMO_SEED: 'never', ADMIN_API_RATE_PER_MINUTE: '100000' },
    });
    base = `${server.url}/api/v1/pages/${(await database.db.page.findFirstOrThrow()).id}/incidents/${incidentId}`;
  });

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const patch = (body: string, headers: Record<string, string> = {}) =>
    fetch(base, { method: 'PATCH', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify({ incident: { body } }) });

  it(`lands all ${WRITERS * WRITES_EACH} updates of ${WRITERS} writers without If-Match, and refuses a stale one`, async () => {
    const before = await database.db.incidentUpdate.count({ where: { incidentId } });
    const statuses = await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        const seen: number[] = [];
        for (let write = 0; write < WRITES_EACH; write++) seen.push((await patch(`writer ${writer}, update ${write}`)).status);
        return seen;
      }),
    );
    expect(statuses.flat()).toEqual(new Array(WRITERS * WRITES_EACH).fill(200));
    expect(await database.db.incidentUpdate.count({ where: { incidentId } })).toBe(before + WRITERS * WRITES_EACH);

    const current = await fetch(base, { headers: { authorization: `Bearer ${key}` } });
    const version = current.headers.get('etag')!;
    expect((await patch('based on the latest', { 'if-match': version })).status).toBe(200);
    const stale = await patch('based on an old copy', { 'if-match': version });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.code).toBe('conflict');
  }, 60_000);
});
