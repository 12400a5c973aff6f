// Prisma's schema engine as WebAssembly: diffs schemas and applies migrations with no native binary.
// Its package's ESM entry imports the .wasm file directly, which Node cannot, so the module is
// instantiated here by hand.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine, MigrationList, SchemaFilter } from '@prisma/schema-engine-wasm';
import { createAdapterFactory, providerOf, type Provider } from './client.ts';
import { PROJECT_ROOT } from '../project-root.ts';

const require = createRequire(import.meta.url);
type EngineModule = typeof import('@prisma/schema-engine-wasm');

let engineModule: Promise<EngineModule> | undefined;

function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const jsPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bindings = (await import(jsPath)) as EngineModule & { __wbg_set_wasm(exports: unknown): void };
    const bytes = fs.readFileSync(path.join(path.dirname(jsPath), 'schema_engine_bg.wasm'));
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { './schema_engine_bg.js': bindings });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return bindings;
  })();
  return engineModule;
}

export const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

export function schemaPath(provider: Provider): string {
  return provider === 'sqlite'
    ? path.join(PROJECT_ROOT, 'prisma', 'schema.prisma')
    : path.join(PROJECT_ROOT, 'prisma', 'postgresql', 'schema.prisma');
}

/** A copy of prisma/schema.prisma as it was when the latest migrations were written. */
export const LAST_MIGRATED_SCHEMA = path.join(PROJECT_ROOT, 'prisma', 'migrations', 'last-migrated.prisma');

export function migrationsDir(provider: Provider): string {
  return path.join(PROJECT_ROOT, 'prisma', 'migrations', provider);
}

export function readSchema(provider: Provider) {
  const file = schemaPath(provider);
  return { path: file, content: fs.readFileSync(file, 'utf8') };
}

/** The migration folders in Prisma's own layout, as the engine wants them. */
export function readMigrations(provider: Provider): MigrationList {
  const baseDir = migrationsDir(provider);
  const lockPath = path.join(baseDir, 'migration_lock.toml');
  const folders = fs.existsSync(baseDir)
    ? fs
        .readdirSync(baseDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: folders.map((name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok' as const, value: fs.readFileSync(path.join(baseDir, name, 'migration.sql'), 'utf8') },
      },
    })),
  };
}

/** Runs `use` with a schema engine connected to the database at `databaseUrl`. */
export async function withSchemaEngine<T>(databaseUrl: string, use: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const { SchemaEngine } = await loadEngineModule();
  const schema = readSchema(providerOf(databaseUrl));
  // The engine opens connections but never closes them; keep them to close them here,
  // or SQLite stays locked for the app that starts right after.
  const factory = createAdapterFactory(databaseUrl);
  const opened: { dispose(): Promise<void> }[] = [];
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const connection = await connect();
    opened.push(connection);
    return connection;
  };
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const engine = await SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, () => {}, adapter);
  try {
    return await use(engine);
  } finally {
    engine.free();
    await Promise.all(opened.map((connection) => connection.dispose()));
  }
}
