// `npm start`: Next's production build when there is none yet (once, about a minute), the server's
// own code bundled to plain JavaScript (dist/server.mjs, about a second, at every start unless the
// bundle records that its inputs are byte for byte the files now on disk), then the server. Plain
// JavaScript because a TypeScript loader at run time (tsx) costs about 200 MB of resident memory:
// its own thread, its transforms and their source maps.
// `npm run dev` still runs server.ts under tsx, with Next's dev server.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLE, bundleIsCurrent } from './lib/server-bundle.mjs';  // BUNDLE: written by scripts/build-server.mjs

// Before any package loads: React picks its build by it when first loaded (the server's own JSX,
// the emails), and Next sets it later; one process must not mix React's development and production builds.
process.env.NODE_ENV ||= 'production';

const ROOT = path.resolve(import.meta.dirname, '..');

if (!fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) {
  console.log('No production build yet: running `next build` (once, about a minute)');
  const nextCli = createRequire(import.meta.url).resolve('next/dist/bin/next');
  execFileSync(process.execPath, [nextCli, 'build'], { stdio: 'inherit', cwd: ROOT, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
}

// Bundled in a child process: esbuild's own memory then leaves with it.
if (!bundleIsCurrent()) execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-server.mjs')], { stdio: 'inherit' });
await import(pathToFileURL(BUNDLE).href);
