import Database from 'better-sqlite3';
import pg from 'pg';
import { providerOf, sqliteFilePath } from '../db/client.ts';
import { CHANGES_CHANNEL } from '../db/writes.ts';
import { log } from '../log.ts';

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
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
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
