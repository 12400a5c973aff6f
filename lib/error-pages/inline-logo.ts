// The page's logo inside the error pages, as a data: URI: they must load nothing (the proxy serves
// them while the site, and maybe the logo's host, is down). A logo too big for HAProxy's 16 KB, not
// an image, or out of reach is left out; the page's name is shown either way.
import fs from 'node:fs/promises';
import path from 'node:path';

/** Leaves room in HAProxy's buffer (16 KB, less 1 KB it keeps for rewrites) for the page itself; base64 adds a third. */
export const MAX_LOGO_BYTES = 4 * 1024;
const TYPES: Record<string, string> = { '.svg': 'image/svg+xml', '.png': 'image/png', '.gif': 'image/gif', '.webp': 'image/webp', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.ico': 'image/x-icon' };
const KEEP_MS = 3600_000;
const RETRY_MS = 300_000;

const found = new Map<string, { logo: Promise<string | null>; until: number }>();

/** The logo at `logoUrl` (https:// or a path on this site, under public/) as a data: URI, or null. */
export function inlineLogo(logoUrl: string | null): Promise<string | null> {
  if (!logoUrl) return Promise.resolve(null);
  const cached = found.get(logoUrl);
  if (cached && cached.until > Date.now()) return cached.logo;
  const entry = { logo: readLogo(logoUrl).catch(() => null), until: Date.now() + KEEP_MS };
  entry.logo.then((logo) => void (logo === null && (entry.until = Date.now() + RETRY_MS)));
  found.set(logoUrl, entry);
  return entry.logo;
}

async function readLogo(logoUrl: string): Promise<string | null> {
  let bytes: Buffer;
  let type: string | undefined;
  if (logoUrl.startsWith('/')) {
    // Next serves public/ from the folder the server runs in (npm start runs in the project's).
    const publicDir = path.resolve('public');
    const file = path.resolve(publicDir, `.${decodeURIComponent(new URL(logoUrl, 'http://x').pathname)}`);
    if (!file.startsWith(`${publicDir}${path.sep}`)) return null;
    if ((await fs.stat(file)).size > MAX_LOGO_BYTES) return null;
    bytes = await fs.readFile(file);
    type = TYPES[path.extname(file).toLowerCase()];
  } else {
    const response = await fetch(logoUrl, { signal: AbortSignal.timeout(5000), redirect: 'follow' });
    if (!response.ok) return null;
    type = response.headers.get('content-type')?.split(';')[0].trim().toLowerCase();
    const read = await readAtMost(response, MAX_LOGO_BYTES);
    if (!read) return null;
    bytes = read;
  }
  if (!type?.startsWith('image/') || bytes.length > MAX_LOGO_BYTES) return null;
  return `data:${type};base64,${bytes.toString('base64')}`;
}

/** The body, or null once it is longer than `max` bytes (read no further: a huge "logo" costs nothing). */
async function readAtMost(response: Response, max: number): Promise<Buffer | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (;;) {
    const next = await reader?.read();
    if (!next || next.done) break;
    size += next.value.length;
    if (size > max) {
      await reader!.cancel().catch(() => {});
      return null;
    }
    chunks.push(next.value);
  }
  return Buffer.concat(chunks);
}
