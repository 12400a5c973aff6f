import path from 'node:path';
import { getDb } from '../db.ts';
import { getEnv } from '../env.ts';
import { log } from '../log.ts';
import { ReadPath } from './read-path.ts';

// Shared through globalThis: the custom server and Next's server bundle each load lib/ separately,
// and both must see the same snapshot.
const KEY = Symbol.for('gatewatch.read-path');
type Holder = { [KEY]?: ReadPath };

/** The process's read path, over DATABASE_URL and SNAPSHOT_PATH. */
export function getReadPath(): ReadPath {
  const holder = globalThis as Holder;
  holder[KEY] ??= new ReadPath({
    db: getDb,
    snapshotFile: path.resolve(getEnv().SNAPSHOT_PATH),
    log: (message, fields) => log('warn', message, fields),
  });
  return holder[KEY];
}
