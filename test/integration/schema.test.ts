import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { derivePostgresSchema } from '@/lib/db/derive-schema';
import { LAST_MIGRATED_SCHEMA, schemaPath, withSchemaEngine, readMigrations, NO_FILTER, readSchema } from '@/lib/db/schema-engine';
import { applyMigrations } from '@/lib/db/migrate';
import { createDb } from '@/lib/db/client';
import { componentIdsOf } from '@/lib/notifications/subscribers';
import { createEmptyDatabaseUrl, createTestDatabase, dropDatabaseUrl, PROVIDERS } from '../helpers/databases';

describe('the two schemas', () => {
  it('keeps the PostgreSQL schema derived from the SQLite one (run `npm run db:derive`)', () => {
    const sqlite = fs.readFileSync(schemaPath('sqlite'), 'utf8');
    expect(fs.readFileSync(schemaPath('postgresql'), 'utf8')).toBe(derivePostgresSchema(sqlite));
  });

  it('has a migration for every schema change (run `npm run db:migration -- <name>`)', () => {
    expect(fs.readFileSync(LAST_MIGRATED_SCHEMA, 'utf8')).toBe(fs.readFileSync(schemaPath('sqlite'), 'utf8'));
  });
});

describe.each(PROVIDERS)('migrations on %s', (provider) => {
  it('apply once to an empty database and leave nothing to diff against the schema', async () => {
    const database = await createTestDatabase(provider, { migrateHere: true });
    try {
      const names = readMigrations(provider).migrationDirectories.map((dir) => dir.path);
      expect(names.length).toBeGreaterThan(0);
      const rows = await database.db.$queryRawUnsafe<{ migration_name: string }[]>(
        'SELECT migration_name FROM _prisma_migrations ORDER BY migration_name',
      );
      expect(rows.map((row) => row.migration_name)).toEqual(names);
      // Replaying the migrations from nothing yields exactly the schema's tables.
      const diff = await withSchemaEngine(database.url, (engine) =>
        engine.diff({
          from: { tag: 'empty' },
          to: { tag: 'schemaDatamodel', files: [readSchema(provider)] },
          script: true,
          exitCode: null,
          filters: NO_FILTER,
        }),
      );
      const migrationSql = readMigrations(provider)
        .migrationDirectories.map((dir) => (dir.migrationFile.content.tag === 'ok' ? dir.migrationFile.content.value : ''))
        .join('\n');
      for (const table of diff.stdout!.matchAll(/CREATE TABLE "(\w+)"/g)) expect(migrationSql).toContain(`CREATE TABLE "${table[1]}"`);
    } finally {
      await database.drop();
    }
  });

  it('take deleted components out of subscribers’ lists, and make an empty list (all, until then) all', async () => {
    const url = await createEmptyDatabaseUrl(provider);
    let db = createDb(url);
    try {
      await applyMigrations(url, { before: '20261207130000_subscribers_all_components' });
      await db.component.createMany({ data: ['kept', 'other'].map((id, position) => ({ id, name: id, status: 'operational', position })) });
      const subscriber = (id: string, componentIds: string | null) => ({ id, mode: 'webhook', endpoint: `https://hooks.example.com/${id}`, componentIds, unsubscribeToken: `${id}-token` });
      await db.subscriber.createMany({ data: [subscriber('all', null), subscriber('empty', '[]'), subscriber('gone', '["gone"]'), subscriber('mixed', '["gone","kept","other"]'), subscriber('kept', '["kept"]')] });
      // SQLite's migrations need the file to themselves.
      await db.$disconnect();
      expect(await applyMigrations(url)).toContain('20261207130000_subscribers_all_components');
      db = createDb(url);
      const rows = await db.subscriber.findMany({ select: { id: true, componentIds: true }, orderBy: { id: 'asc' } });
      expect(Object.fromEntries(rows.map((row) => [row.id, componentIdsOf(row.componentIds)]))).toEqual({ all: null, empty: null, gone: [], mixed: ['kept', 'other'], kept: ['kept'] });
    } finally {
      await db.$disconnect();
      await dropDatabaseUrl(url);
    }
  });

  it('apply again while the app has the database open: nothing to do, nothing locked', async () => {
    const database = await createTestDatabase(provider);
    try {
      await database.db.component.count(); // the app's connection is open
      expect(await applyMigrations(database.url)).toEqual([]);
      expect(await database.db.component.count()).toBe(0);
    } finally {
      await database.drop();
    }
  });
});
