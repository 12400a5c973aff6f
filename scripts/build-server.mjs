// Bundles server.ts and the lib/ code it imports into plain JavaScript, dist/server.mjs, for
// `npm start` (scripts/start.mjs), which runs it without a TypeScript loader.
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { BUNDLE, inputsLine } from './lib/server-bundle.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');

// Written aside and renamed into place: servers started side by side (tests) never read half a file.
const temporary = `${BUNDLE}.${process.pid}.tmp`;
// Whole milliseconds: a file written in the same instant counts as changed since.
const startedAt = Math.floor(Date.now()) - 1;
const result = await esbuild.build({
  entryPoints: [path.join(ROOT, 'server.ts')],
  outfile: temporary,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Packages load from node_modules as they are; only our own TypeScript is bundled.
  packages: 'external',
  logLevel: 'warning',
  // The files it read, for start.mjs to know when the bundle is current.
  metafile: true,
  absWorkingDir: ROOT,
});
fs.appendFileSync(temporary, inputsLine(Object.keys(result.metafile.inputs), startedAt));
fs.renameSync(temporary, BUNDLE);
