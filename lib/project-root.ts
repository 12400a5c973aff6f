import fs from 'node:fs';
import path from 'node:path';

/**
 * The project folder (the one holding package.json), found from wherever this code runs: lib/ as
 * TypeScript under tsx, or the server's bundle in dist/ (see scripts/start.mjs).
 */
export const PROJECT_ROOT = (() => {
  let folder = import.meta.dirname;
  while (!fs.existsSync(path.join(folder, 'package.json')) && path.dirname(folder) !== folder) folder = path.dirname(folder);
  return folder;
})();
