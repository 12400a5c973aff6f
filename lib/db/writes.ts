// How a write commits: in one transaction, announced to every Gatewatch process once it has
// committed, so the public snapshot follows.
import { randomUUID } from 'node:crypto';
import type { Db, Tx } from './client.ts';
import { dbProvider } from './client.ts';
import { errorLine, log } from '../log.ts';
import { processGlobal } from '../process-global.ts';

export const CHANGES_CHANNEL = 'gatewatch_changes';

/** This process, as named in its NOTIFYs: its own writes are heard locally, not again through the database. */
export const processInstanceId = () => processGlobal('instance-id', () => randomUUID());

// The server listens; writes are made by either copy of lib/.
const localListeners = () => processGlobal('change-listeners', () => new Set<() => void>());

/** Runs `listener` after every write made by this process. Returns a function that removes it. */
export function onLocalChange(listener: () => void): () => void {
  localListeners().add(listener);
  return () => localListeners().delete(listener);
}

const notifyOthers = (client: Db | Tx) => client.$executeRawUnsafe('SELECT pg_notify($1, $2)', CHANGES_CHANNEL, processInstanceId());

/**
 * SQLite has no NOTIFY: a visible write counts itself in the file's user_version (a header field
 * SQLite keeps for the application; Prisma leaves it alone), which other processes poll. Unlike
 * data_version, it moves only for writes visitors see, not for sessions, last-used times or audit rows.
 * Inside a write that has written, the transaction holds SQLite's write lock: no one counts in between.
 */
export async function countVisibleChange(client: Db | Tx) {
  const [row] = await client.$queryRawUnsafe<{ user_version: number | bigint }[]>('PRAGMA user_version');
  await client.$executeRawUnsafe(`PRAGMA user_version = ${(Number(row.user_version) + 1) % 2_147_483_647}`);
}

/**
 * Tells every Gatewatch process that visible data changed: others through PostgreSQL's NOTIFY or
 * SQLite's change count (see read-path/watch-changes.ts), then this one. Call after commit, for writes
 * made outside visibleWrite (seeding a page), which does this itself.
 */
export async function announceChange(db: Db) {
  try {
    if (dbProvider(db) === 'sqlite') await countVisibleChange(db);
    else await notifyOthers(db);
  } catch (error) {
    // The write has committed; other instances catch up on their timer.
    log('warn', 'could not notify other instances of a change', { error: errorLine(error) });
  }
  for (const listener of localListeners()) listener();
}

/** Handed to a write's work, for the write that turns out to change nothing visitors see. */
export interface WriteOutcome {
  /** Nothing visible changed (a status set to what it was): nothing is announced, nothing rebuilt. */
  nothingVisibleChanged(): void;
}

/**
 * A write visitors see: one transaction, announced to this process once it has committed. Other
 * processes hear of it by a NOTIFY sent inside the transaction, which PostgreSQL delivers at commit
 * and only then (if it cannot be sent, the write fails rather than go unannounced), or on SQLite by
 * the change count it adds to, in the same transaction.
 */
export async function visibleWrite<T>(db: Db, work: (tx: Tx, outcome: WriteOutcome) => Promise<T>): Promise<T> {
  let visible = true;
  const result = await db.$transaction(async (tx) => {
    visible = true;
    // SQLite: the file's write lock first, so writes from several processes queue instead of failing.
    if (dbProvider(db) === 'sqlite') await lockForWrite(db, tx, 'write');
    const value = await work(tx, { nothingVisibleChanged: () => void (visible = false) });
    if (visible) await (dbProvider(db) === 'postgresql' ? notifyOthers(tx) : countVisibleChange(tx));
    return value;
  });
  if (visible) for (const listener of localListeners()) listener();
  return result;
}

/**
 * Inside a transaction: waits until no other transaction holds the lock called `name`, and holds it
 * until this one ends. For writes that read before they write (the last owner, positions in a list,
 * claiming due checks). Call it first in the transaction. PostgreSQL takes an advisory lock by that
 * name. SQLite has one write lock per file: a write that matches no row takes it at once, so two
 * processes on one file cannot both read and then wait on each other to write (each would time out).
 */
export async function lockForWrite(db: Db, tx: Tx, name: string) {
  if (dbProvider(db) === 'postgresql') await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(hashtext($1))', `gatewatch.${name}`);
  else await tx.$executeRawUnsafe('UPDATE "Page" SET "id" = "id" WHERE 0');
}
