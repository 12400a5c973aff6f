// Which paths are public (served from the snapshot, read-only) and in what format. Kept free of
// imports: proxy.ts reads it too.

export const API_V2_PREFIX = '/api/v2/';

/** What kind of body a public path answers with. */
export type PublicFormat = 'html' | 'json' | 'badge-svg' | 'badge-json' | 'feed' | 'calendar' | 'script' | 'error-page';

const PUBLIC_FORMATS: Record<string, PublicFormat> = {
  '/': 'html',
  '/history': 'html',
  '/embed': 'html',
  '/embed/frame': 'html',
  '/history.atom': 'feed',
  '/history.rss': 'feed',
  '/maintenance.ics': 'calendar',
  '/embed.js': 'script',
  '/badge.svg': 'badge-svg',
  '/badge.json': 'badge-json',
  // The pages a reverse proxy shows for these errors (lib/error-pages), and HAProxy's raw responses.
  '/errors/502.html': 'error-page',
  '/errors/503.html': 'error-page',
  '/errors/504.html': 'error-page',
  '/errors/502.http': 'error-page',
  '/errors/503.http': 'error-page',
  '/errors/504.http': 'error-page',
};

/**
 * The format of a public path, known or not to the snapshot (an unknown incident is still a public
 * path), or null for a path that is not public. They answer GET and HEAD only, from the read path.
 */
export function publicFormat(pathname: string): PublicFormat | null {
  if (Object.hasOwn(PUBLIC_FORMATS, pathname)) return PUBLIC_FORMATS[pathname];
  if (pathname.startsWith(API_V2_PREFIX)) return 'json';
  if (pathname.startsWith('/badge/')) return pathname.endsWith('.json') ? 'badge-json' : 'badge-svg';
  if (/^\/incidents\/[^/]+$/.test(pathname)) return 'html';
  return null;
}

/** The HTML pages Next renders for the read path (once per snapshot), its not-found page among them. */
export const isPublicPage = (pathname: string) => pathname === '/_not-found' || publicFormat(pathname) === 'html';

/**
 * The path as servers must treat it (RFC 3986, 6.2.2.2): a percent-encoded letter, digit, `-`, `.`,
 * `_` or `~` is that character (`/%68istory` is `/history`). Other escapes stay as they are.
 */
export function normalizePath(pathname: string): string {
  if (!pathname.includes('%')) return pathname;
  return pathname.replace(/%([0-9a-f]{2})/gi, (escape, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(char) ? char : escape;
  });
}

/** `pathname` with every escape decoded, as Next decodes it to find a route; null if it cannot be. */
export function decodedPath(pathname: string): string | null {
  // Every request Next serves asks this; most paths have nothing to decode.
  if (!pathname.includes('%')) return pathname;
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}
