// The error pages as Gatewatch serves them (/errors/502.html, and /errors/502.http for HAProxy) and
// as files in a directory the proxy serves from its own disk (`npm run gatewatch -- error-pages`).
import fs from 'node:fs';
import path from 'node:path';
import { createArtifact, type Artifact } from '../http/artifact.ts';
import { log } from '../log.ts';
import type { ReadPath } from '../read-path/read-path.ts';
import type { Snapshot } from '../status/snapshot-types.ts';
import { GATEWAY_ERRORS, rawHttpResponse, renderErrorPage, type GatewayError } from './error-page.ts';
import { inlineLogo } from './inline-logo.ts';

/** The files of the directory, by name: 502.html … 504.html and HAProxy's 502.http … 504.http. */
export const ERROR_PAGE_FILES = GATEWAY_ERRORS.flatMap((code) => [`${code}.html`, `${code}.http`]);

/** Shown for another site's address with its error status: nobody on the way may keep it for that address. */
const CACHE_CONTROL = 'no-store';

export async function errorPageArtifact(snapshot: Snapshot, code: GatewayError, format: 'html' | 'http'): Promise<Artifact> {
  const { html, policy } = renderErrorPage(snapshot, code, await inlineLogo(snapshot.page.logoUrl));
  if (format === 'http') {
    // A file to download and give to HAProxy's `errorfile`, not a page to show.
    return createArtifact({ body: rawHttpResponse(code, html), contentType: 'text/plain; charset=utf-8', cacheControl: CACHE_CONTROL, headers: { 'content-security-policy': "default-src 'none'" } });
  }
  return createArtifact({
    body: html,
    contentType: 'text/html; charset=utf-8',
    cacheControl: CACHE_CONTROL,
    headers: { 'content-security-policy': policy, 'referrer-policy': 'no-referrer' },
  });
}

/** Every file of the directory, rendered from `snapshot`. */
export async function renderErrorPageFiles(snapshot: Snapshot): Promise<Map<string, Buffer>> {
  const logo = await inlineLogo(snapshot.page.logoUrl);
  const files = new Map<string, Buffer>();
  for (const code of GATEWAY_ERRORS) {
    const { html } = renderErrorPage(snapshot, code, logo);
    files.set(`${code}.html`, Buffer.from(html));
    files.set(`${code}.http`, Buffer.from(rawHttpResponse(code, html)));
  }
  return files;
}

/**
 * Writes the files that changed into `dir` (made if missing), each written aside and renamed into
 * place so the proxy never reads half a file. Returns the names written.
 */
export function writeErrorPageFiles(dir: string, files: Map<string, Buffer>): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, bytes] of files) {
    const file = path.join(dir, name);
    if (fs.existsSync(file) && fs.readFileSync(file).equals(bytes)) continue;
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, bytes, { mode: 0o644 });
    fs.renameSync(temporary, file);
    written.push(name);
  }
  return written;
}

/**
 * Writes the files into `dir` now and after every change of the snapshot (ERROR_PAGES_DIR): a proxy
 * on this machine always has the current pages. One write at a time, each of the latest snapshot.
 */
export function keepErrorPageFilesCurrent(readPath: ReadPath, dir: string) {
  let writing: Promise<void> = Promise.resolve();
  const write = () => {
    writing = writing.then(async () => {
      const current = readPath.peek();
      if (!current) return;
      try {
        writeErrorPageFiles(dir, await renderErrorPageFiles(current.snapshot));
      } catch (error) {
        log('warn', 'could not write the error pages', { dir, error: String(error) });
      }
    });
  };
  readPath.onChange(write);
  write();
}
