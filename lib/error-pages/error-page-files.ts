// The error pages as Gatewatch serves them (/errors/502.html, and /errors/502.http for HAProxy) and
// as files in a directory the proxy serves from its own disk (`npm run gatewatch -- error-pages`).
import fs from 'node:fs';
import path from 'node:path';
import { createArtifact, type Artifact } from '../http/artifact.ts';
import type { Snapshot } from '../status/snapshot-types.ts';
import { GATEWAY_ERRORS, rawHttpResponse, renderErrorPage, type GatewayError } from './error-page.ts';
import { inlineLogo } from './inline-logo.ts';

/** The files of the directory, by name: 502.html … 504.html and HAProxy's 502.http … 504.http. */
export const ERROR_PAGE_FILES = GATEWAY_ERRORS.flatMap((code) => [`${code}.html`, `${code}.http`]);

/** A proxy that fetches the page from Gatewatch (Traefik's errors middleware) may keep it a minute. */
const CACHE_CONTROL = 'public, max-age=60, s-maxage=60, stale-while-revalidate=600, stale-if-error=604800';

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
