import path from 'node:path';
import { getDb } from '../db/client.ts';
import { getEnv } from '../env.ts';
import { log } from '../log.ts';
import { processGlobal } from '../process-global.ts';
import { ReadPath } from './read-path.ts';

/** The process's read path, over DATABASE_URL and SNAPSHOT_PATH: the server and Next's bundle see one snapshot. */
export function getReadPath(): ReadPath {
  return processGlobal(
    'read-path',
    () =>
      new ReadPath({
        db: getDb,
        snapshotFile: path.resolve(getEnv().SNAPSHOT_PATH),
        log: (message, fields) => log('warn', message, fields),
      }),
  );
}

/**
 * Resolves once the public snapshot has taken in the writes this process announced so far, or after
 * `maxMs` at most: an operator told "saved" then finds it on the public page.
 */
export function publicPageCaughtUp(maxMs = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, maxMs)));
  return Promise.race([getReadPath().settled(), timeout]).finally(() => clearTimeout(timer));
}
