// Before the run: one migrated SQLite file and one migrated PostgreSQL database, which
// createTestDatabase and migratedSqliteUrl copy (test/helpers/databases.ts). Tests of migrating
// itself (schema.test.ts, a first boot) still start from empty databases.
import Database from 'better-sqlite3';
import pg from 'pg';
import { applyMigrations } from '@/lib/db/migrate';
import { createEmptyDatabaseUrl, dropDatabaseUrl, POSTGRES_ADMIN_URL, setMigratedTemplates } from './helpers/databases';

export async function setup() {
  const [sqlite, postgresql] = await Promise.all([createEmptyDatabaseUrl('sqlite'), createEmptyDatabaseUrl('postgresql')]);
  await Promise.all([applyMigrations(sqlite), applyMigrations(postgresql)]);
  // All of it in the main file, which is what gets copied.
  const file = new Database(sqlite.slice('file:'.length));
  file.pragma('wal_checkpoint(TRUNCATE)');
  file.close();
  // CREATE DATABASE ... TEMPLATE fails while anyone is connected to the template: let nobody.
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  const name = new URL(postgresql).pathname.slice(1);
  await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
  await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
  await admin.end();
  setMigratedTemplates({ sqlite, postgresql });
  return async () => {
    setMigratedTemplates(undefined);
    await Promise.all([dropDatabaseUrl(sqlite), dropDatabaseUrl(postgresql)]);
  };
}
