import Database from 'better-sqlite3';
import pg from 'pg';
import { providerOf, sqliteFilePath } from '../db/client.ts';
import { CHANGES_CHANNEL, onLocalChange, processInstanceId } from '../db/writes.ts';
import { log } from '../log.ts';

/**
 * Calls `onChange` when another process makes a visible write: on SQLite it adds to the file's
 * change count (see countVisibleChange); on PostgreSQL it sends our NOTIFY. This process's own writes
 * are left out (they are announced locally, see onLocalChange), so a write costs one rebuild here,
 * not two. Returns a function that stops watching.
 */
export function watchChanges(databaseUrl: string, onChange: () => void): () => void {
  return providerOf(databaseUrl) === 'sqlite' ? watchSqlite(databaseUrl, onChange) : watchPostgres(databaseUrl, onChange);
}

function watchSqlite(databaseUrl: string, onChange: () => void) {
  let connection: Database.Database | null = null;
  let lastVersion: number | null = null;
  const readVersion = () => {
    try {
      connection ??= new Database(sqliteFilePath(databaseUrl), { readonly: true, fileMustExist: true });
      return connection.pragma('user_version', { simple: true }) as number;
    } catch {
      // The file is gone or unreadable: the rebuild will report it; try a new connection next time.
      connection?.close();
      connection = null;
      return null;
    }
  };
  const timer = setInterval(() => {
    const version = readVersion();
    if (lastVersion !== null && version !== null && version !== lastVersion) onChange();
    lastVersion = version;
  }, 250);
  timer.unref();
  // After a local write (already announced): whatever committed up to now, ours or another's, is
  // read by the rebuild that write starts, so the poll need not start another.
  const stopLocal = onLocalChange(() => {
    lastVersion = readVersion();
  });
  return () => {
    clearInterval(timer);
    stopLocal();
    connection?.close();
  };
}

function watchPostgres(databaseUrl: string, onChange: () => void) {
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;

  const connect = async () => {
    client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
    client.on('notification', (message) => message.payload !== processInstanceId() && onChange());
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
