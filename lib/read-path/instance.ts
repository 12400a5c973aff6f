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
