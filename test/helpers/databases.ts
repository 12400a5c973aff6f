import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDb, type Db, type Provider } from '@/lib/db/client';
import { applyMigrations } from '@/lib/db/migrate';

export const PROVIDERS: Provider[] = ['sqlite', 'postgresql'];

/** The PostgreSQL server tests create their databases on. */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

async function admin<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** A new, empty, migrated database of the provider; `drop()` removes it. */
export async function createTestDatabase(provider: Provider): Promise<TestDatabase> {
  const url = await createEmptyDatabaseUrl(provider);
  await applyMigrations(url);
  const db = createDb(url);
  return { url, db, drop: async () => {
    await db.$disconnect();
    await dropDatabaseUrl(url);
  } };
}

/** A URL for a database nobody has touched (no tables). */
export async function createEmptyDatabaseUrl(provider: Provider): Promise<string> {
  if (provider === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatewatch-test-'));
    return `file:${path.join(dir, 'test.db')}`;
  }
  const name = `gatewatch_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabaseUrl(url: string) {
  if (url.startsWith('file:')) {
    fs.rmSync(path.dirname(url.slice('file:'.length)), { recursive: true, force: true });
    return;
  }
  const name = new URL(url).pathname.slice(1);
  await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** Makes a PostgreSQL database refuse every connection, as if its server were down; returns the undo. */
export async function cutOffPostgresDatabase(url: string): Promise<() => Promise<void>> {
  const name = new URL(url).pathname.slice(1);
  await admin(async (client) => {
    await client.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
    await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
  });
  return () => admin(async (client) => void (await client.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`)));
}
