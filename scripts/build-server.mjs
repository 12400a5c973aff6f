// Bundles server.ts and the lib/ code it imports into plain JavaScript, dist/server.mjs, for
// `npm start` (scripts/start.mjs), which runs it without a TypeScript loader.
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..');
const BUNDLE = path.join(ROOT, 'dist', 'server.mjs');

// Written aside and renamed into place: servers started side by side (tests) never read half a file.
const temporary = `${BUNDLE}.${process.pid}.tmp`;
await esbuild.build({
  entryPoints: [path.join(ROOT, 'server.ts')],
  outfile: temporary,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Packages load from node_modules as they are; only our own TypeScript is bundled.
  packages: 'external',
  logLevel: 'warning',
});
fs.renameSync(temporary, BUNDLE);
