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

/**
 * Set by test/global-setup.ts for the run: a migrated SQLite file and PostgreSQL database, copied
 * instead of running the schema engine for each test database (about a second each, more under load).
 */
const TEMPLATES = 'GATEWATCH_TEST_TEMPLATES';

export function migratedTemplate(provider: Provider): string | undefined {
  const templates = process.env[TEMPLATES];
  return templates ? (JSON.parse(templates) as Record<Provider, string>)[provider] : undefined;
}

export function setMigratedTemplates(templates: Record<Provider, string> | undefined) {
  if (templates) process.env[TEMPLATES] = JSON.stringify(templates);
  else Reflect.deleteProperty(process.env, TEMPLATES);
}

/**
 * A new, empty, migrated database of the provider; `drop()` removes it. A copy of the run's migrated
 * template, unless `migrateHere` (tests of the migrations themselves) or there is none.
 */
export async function createTestDatabase(provider: Provider, options: { migrateHere?: boolean } = {}): Promise<TestDatabase> {
  const template = options.migrateHere ? undefined : migratedTemplate(provider);
  const url = await newDatabaseUrl(provider, template);
  if (!template) await applyMigrations(url);
  const db = createDb(url);
  return { url, db, drop: async () => {
    await db.$disconnect();
    await dropDatabaseUrl(url);
  } };
}

/** A URL for a database nobody has touched (no tables). */
export function createEmptyDatabaseUrl(provider: Provider): Promise<string> {
  return newDatabaseUrl(provider);
}

/**
 * For a server to start on: a copy of the run's migrated template, so it need not migrate at start;
 * an empty database (it migrates) when there is none.
 */
export function createMigratedDatabaseUrl(provider: Provider): Promise<string> {
  return newDatabaseUrl(provider, migratedTemplate(provider));
}

/** `createEmptyDatabaseUrl`'s database, or with `template`'s tables and rows (a URL of the provider). */
async function newDatabaseUrl(provider: Provider, template?: string): Promise<string> {
  if (provider === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatewatch-test-'));
    const file = path.join(dir, 'test.db');
    if (template) fs.copyFileSync(template.slice('file:'.length), file);
    return `file:${file}`;
  }
  const name = `gatewatch_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  // Several may copy the template at once: it takes no connections (global-setup.ts), so none is in the way.
  const copy = template ? ` TEMPLATE "${new URL(template).pathname.slice(1)}"` : '';
  await admin((client) => client.query(`CREATE DATABASE "${name}"${copy}`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * `file:<file>` with the run's migrated SQLite template copied there, for a server that need not
 * migrate at start; a plain path (the server migrates) when there is no template.
 */
export function migratedSqliteUrl(file: string): string {
  const template = migratedTemplate('sqlite');
  if (template) fs.copyFileSync(template.slice('file:'.length), file);
  return `file:${file}`;
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
