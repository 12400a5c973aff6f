import path from 'node:path';
import fs from 'node:fs';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient } from '../generated/sqlite/client.ts';
import { PrismaClient as PostgresClient } from '../generated/postgresql/client.ts';
import { getEnv } from '../env.ts';
import { processGlobal } from '../process-global.ts';

/** Both generated clients expose the same models; code is written against this one type. */
export type Db = SqliteClient;
/** The client inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];
export type Provider = 'sqlite' | 'postgresql';

export function providerOf(databaseUrl: string): Provider {
  return databaseUrl.startsWith('file:') ? 'sqlite' : 'postgresql';
}

/** `file:./data/x.db` → an absolute path, with its folder created. */
export function sqliteFilePath(databaseUrl: string): string {
  const file = path.resolve(databaseUrl.slice('file:'.length));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

/** The driver adapter for a URL; also used by the migrator. */
export function createAdapterFactory(databaseUrl: string) {
  if (providerOf(databaseUrl) === 'sqlite') {
    return new PrismaBetterSqlite3({ url: sqliteFilePath(databaseUrl), timeout: 5000 });
  }
  // Fail fast when the server is down, so the read path keeps serving its snapshot promptly.
  return new PrismaPg({ connectionString: databaseUrl, connectionTimeoutMillis: 3000, max: 10 });
}

// In the process-wide table: a client made by one copy of this module is used by the other.
const providers = () => processGlobal('db-providers', () => new WeakMap<Db, Provider>());

export function createDb(databaseUrl: string): Db {
  const provider = providerOf(databaseUrl);
  const adapter = createAdapterFactory(databaseUrl);
  const db =
    provider === 'sqlite'
      ? new SqliteClient({ adapter: adapter as PrismaBetterSqlite3 })
      : (new PostgresClient({ adapter: adapter as PrismaPg }) as unknown as Db);
  providers().set(db, provider);
  return db;
}

/** Which database a client talks to, for the few places where SQL differs. */
export function dbProvider(db: Db): Provider {
  const provider = providers().get(db);
  if (!provider) throw new Error('dbProvider: this client was not made by createDb');
  return provider;
}

/** The process's one Prisma client, chosen by DATABASE_URL. */
export function getDb(): Db {
  const holder = processGlobal('db', (): { url?: string; db?: Db } => ({}));
  const url = getEnv().DATABASE_URL;
  if (!holder.db || holder.url !== url) Object.assign(holder, { url, db: createDb(url) });
  return holder.db!;
}
