import Database from 'better-sqlite3';
import { providerOf, sqliteFilePath } from '../db.ts';
import { NO_FILTER, readMigrations, withSchemaEngine } from './schema-engine.ts';

/**
 * Applies the pending migrations of prisma/migrations/<provider> to the database, recording them in
 * Prisma's own `_prisma_migrations` table (so `prisma migrate deploy` agrees). Returns their names.
 */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  if (providerOf(databaseUrl) === 'sqlite') enableWal(databaseUrl);
  return withSchemaEngine(databaseUrl, async (engine) => {
    const result = await engine.applyMigrations({
      migrationsList: readMigrations(providerOf(databaseUrl)),
      filters: NO_FILTER,
    });
    return result.appliedMigrationNames;
  });
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
