import Database from 'better-sqlite3';
import pg from 'pg';
import { dbProvider, providerOf, sqliteFilePath, type Db, type Tx } from '../db.ts';
import { log } from '../log.ts';
import { processGlobal } from '../process-global.ts';

const CHANNEL = 'gatewatch_changes';

// The server listens; writes are made by either copy of lib/.
const localListeners = () => processGlobal('change-listeners', () => new Set<() => void>());

/** Runs `listener` after every write made by this process. Returns a function that removes it. */
export function onLocalChange(listener: () => void): () => void {
  localListeners().add(listener);
  return () => localListeners().delete(listener);
}

/**
 * Tells every Gatewatch process that visible data changed: this one at once, others through
 * PostgreSQL's NOTIFY (SQLite writers are seen by the watcher below without help). Call after commit.
 */
export async function announceChange(db: Db) {
  for (const listener of localListeners()) listener();
  if (dbProvider(db) !== 'postgresql') return;
  try {
    await db.$executeRawUnsafe(`SELECT pg_notify('${CHANNEL}', '')`);
  } catch (error) {
    // The write has committed; other instances catch up on their timer.
    log('warn', 'could not notify other instances of a change', { error: String(error).split('\n')[0] });
  }
}

/** A write visitors see: one transaction, then announced once it has committed. */
export async function visibleWrite<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const result = await db.$transaction(work);
  await announceChange(db);
  return result;
}

/**
 * Calls `onChange` when another connection or process writes to the database: SQLite's
 * `PRAGMA data_version` moves on any other connection's commit; PostgreSQL sends our NOTIFY.
 * Returns a function that stops watching.
 */
export function watchChanges(databaseUrl: string, onChange: () => void): () => void {
  return providerOf(databaseUrl) === 'sqlite' ? watchSqlite(databaseUrl, onChange) : watchPostgres(databaseUrl, onChange);
}

function watchSqlite(databaseUrl: string, onChange: () => void) {
  let connection: Database.Database | null = null;
  let lastVersion: number | null = null;
  const timer = setInterval(() => {
    try {
      connection ??= new Database(sqliteFilePath(databaseUrl), { readonly: true, fileMustExist: true });
      const version = connection.pragma('data_version', { simple: true }) as number;
      if (lastVersion !== null && version !== lastVersion) onChange();
      lastVersion = version;
    } catch {
      // The file is gone or unreadable: the rebuild will report it; try a new connection next time.
      connection?.close();
      connection = null;
      lastVersion = null;
    }
  }, 250);
  timer.unref();
  return () => {
    clearInterval(timer);
    connection?.close();
  };
}

function watchPostgres(databaseUrl: string, onChange: () => void) {
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;

  const connect = async () => {
    client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
    client.on('notification', () => onChange());
    client.on('error', () => reconnect());
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      // Writes made while we were not listening are picked up by a rebuild now.
      onChange();
    } catch {
      reconnect();
    }
  };
  const reconnect = () => {
    if (stopped || retry) return;
    void client?.end().catch(() => {});
    client = null;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, 2000);
    retry.unref();
  };
  void connect();
  return () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    void client?.end().catch(() => log('debug', 'listener closed'));
  };
}
