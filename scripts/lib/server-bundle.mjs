// Whether dist/server.mjs was bundled from the sources as they are now, so `npm start` can skip
// esbuild (about a second a start; each test server is a start). The bundle's last line records a
// hash of every file esbuild read, its options (build-server.mjs) and its version.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const BUNDLE = path.join(ROOT, 'dist', 'server.mjs');
const MARK = '//# gatewatch-inputs=';
// Not among esbuild's inputs, but they change what it writes: its options, how paths resolve, its version.
const ALWAYS = ['scripts/build-server.mjs', 'tsconfig.json', 'package.json', 'node_modules/esbuild/package.json'];

function fingerprint(files) {
  const hash = crypto.createHash('sha256');
  for (const file of [...new Set([...ALWAYS, ...files])].sort()) hash.update(`${file}\0`).update(fs.readFileSync(path.join(ROOT, file))).update('\0');
  return hash.digest('hex');
}

/**
 * The line to end a bundle with, for `files` (relative to the project) read by a build that began at
 * `startedAt`; empty when one of them changed since then, as the bundle may hold the older version.
 */
export function inputsLine(files, startedAt) {
  if (files.some((file) => fs.statSync(path.join(ROOT, file)).mtimeMs >= startedAt)) return '';
  return `${MARK}${JSON.stringify({ files, fingerprint: fingerprint(files) })}\n`;
}

/** True when dist/server.mjs exists and its recorded inputs are byte for byte what is on disk now. */
export function bundleIsCurrent() {
  try {
    const text = fs.readFileSync(BUNDLE, 'utf8');
    const at = text.lastIndexOf(MARK);
    if (at < 0) return false;
    const { files, fingerprint: recorded } = JSON.parse(text.slice(at + MARK.length));
    return fingerprint(files) === recorded;
  } catch {
    return false;  // no bundle, or an input gone: bundle again
  }
}
