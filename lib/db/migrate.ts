import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { providerOf, sqliteFilePath } from './client.ts';
import { NO_FILTER, readMigrations, withSchemaEngine } from './schema-engine.ts';

/**
 * Applies the pending migrations of prisma/migrations/<provider> to the database, recording them in
 * Prisma's own `_prisma_migrations` table (so `prisma migrate deploy` agrees). Returns their names.
 * `before`: only those older than that migration (to test what it does to the rows it finds).
 */
export async function applyMigrations(databaseUrl: string, { before }: { before?: string } = {}): Promise<string[]> {
  const provider = providerOf(databaseUrl);
  const all = readMigrations(provider);
  const migrationsList = before ? { ...all, migrationDirectories: all.migrationDirectories.filter((migration) => migration.path < before) } : all;
  // The engine takes SQLite's file for itself (locking_mode=EXCLUSIVE), which fails while a server
  // has it open: only start it when there is something to apply.
  const done = await finishedMigrations(databaseUrl);
  if (migrationsList.migrationDirectories.every((migration) => done.has(migration.path))) return [];
  if (provider === 'sqlite') enableWal(databaseUrl);
  try {
    return await withSchemaEngine(databaseUrl, async (engine) => {
      const result = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
      return result.appliedMigrationNames;
    });
  } catch (error) {
    if (provider === 'sqlite' && String(error).includes('SocketTimeout')) {
      throw new Error('Migrations need the SQLite database to themselves: stop the running Gatewatch, then try again.', { cause: error });
    }
    throw error;
  }
}

/** Names of the migrations already applied, from Prisma's `_prisma_migrations` table. */
async function finishedMigrations(databaseUrl: string): Promise<Set<string>> {
  const query = 'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL';
  if (providerOf(databaseUrl) === 'sqlite') {
    const file = path.resolve(databaseUrl.slice('file:'.length));
    if (!fs.existsSync(file)) return new Set();
    const connection = new Database(file, { readonly: true });
    try {
      const table = connection.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
      if (!table) return new Set();
      return new Set((connection.prepare(query).all() as { migration_name: string }[]).map((row) => row.migration_name));
    } finally {
      connection.close();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    const table = await client.query("SELECT to_regclass('_prisma_migrations') AS name");
    if (!table.rows[0].name) return new Set();
    return new Set((await client.query<{ migration_name: string }>(query)).rows.map((row) => row.migration_name));
  } finally {
    await client.end();
  }
}

/** WAL lets visitors' reads and operators' writes proceed together; the setting persists in the file. */
function enableWal(databaseUrl: string) {
  const connection = new Database(sqliteFilePath(databaseUrl));
  try {
    if (connection.pragma('journal_mode', { simple: true }) !== 'wal') connection.pragma('journal_mode = WAL');
  } finally {
    connection.close();
  }
}
