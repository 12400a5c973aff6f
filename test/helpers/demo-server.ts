// The production server on a fresh SQLite file with the demo page, its log kept, and an `admin` API
// key: for tests that send the server what a script or an attacker would.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/access/permissions';
import { createApiKey } from '@/lib/api-keys/api-keys';
import { createDb, type Db } from '@/lib/db/client';
import { startGatewatch, type GatewatchProcess } from '@/scripts/lib/gatewatch-process';
import { migratedSqliteUrl } from './databases';

export interface DemoServer {
  server: GatewatchProcess;
  /** A client of the server's database, for checking what a request left behind. */
  db: Db;
  key: string;
  pageId: string;
}

/** Registers the set-up and clean-up; the returned object is filled in before the first test. */
export function useDemoServer(name: string): DemoServer {
  const fixture = {} as DemoServer;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gatewatch-${name}-`));
  const DATABASE_URL = migratedSqliteUrl(path.join(dir, 'gatewatch.db'));
  beforeAll(async () => {
    fixture.server = await startGatewatch({
      env: { DATABASE_URL, SNAPSHOT_PATH: path.join(dir, 'snapshot.json'), AUTH_SECRET_PATH: path.join(dir, 'auth-secret'), LOG_LEVEL: 'info' },
      captureOutput: true,
    });
    fixture.db = createDb(DATABASE_URL);
    fixture.key = (await createApiKey(fixture.db, { name: 'script', scopes: ['admin'] }, SYSTEM_ACTOR)).key;
    fixture.pageId = (await fixture.db.page.findFirstOrThrow()).id;
  });
  afterAll(async () => {
    await fixture.db?.$disconnect();
    await fixture.server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return fixture;
}
