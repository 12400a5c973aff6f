// What a public path answers when the snapshot cannot answer it: nothing there (404) or no snapshot
// at all (503), each in the path's own format, rendered once.
import { renderBadge } from '../badges/badge.ts';
import { xmlText } from '../feeds/xml.ts';
import { errorBody } from '../http/json-error.ts';
import { createArtifact, type Artifact } from '../http/artifact.ts';
import { API_V2_PREFIX, type PublicFormat } from './public-paths.ts';

const UNAVAILABLE = 'The status page is starting or its database is unreachable; retry in a few seconds.';
const NOT_FOUND = 'There is nothing at this address.';
const CORS = { 'access-control-allow-origin': '*' };

function render(status: 404 | 503, format: PublicFormat): Artifact {
  const message = status === 503 ? UNAVAILABLE : NOT_FOUND;
  // A 503 is never kept by a CDN or browser: the next request may well succeed.
  const cache: { cacheControl?: string; headers: Record<string, string> } = status === 503 ? { cacheControl: 'no-store', headers: { 'retry-after': '5' } } : { headers: {} };
  const text = (contentType: string, body: string, headers: Record<string, string> = {}) =>
    createArtifact({ status, body, contentType, cacheControl: cache.cacheControl, headers: { ...cache.headers, ...headers } });
  switch (format) {
    case 'badge-svg':
    case 'badge-json': {
      const content = { label: 'status', message: status === 503 ? 'unavailable' : 'not found', color: 'lightgrey', status };
      return renderBadge(content, format === 'badge-svg' ? 'svg' : 'json', 'flat', cache);
    }
    case 'json': {
      const body = status === 503 ? errorBody('unavailable', message) : errorBody('not_found', `No such endpoint; see ${API_V2_PREFIX}summary.json.`);
      return text('application/json; charset=utf-8', JSON.stringify(body), CORS);
    }
    case 'feed':
      return text('application/xml; charset=utf-8', `<?xml version="1.0" encoding="utf-8"?>\n<error>${xmlText(message)}</error>\n`);
    case 'script':
      // Host pages keep working: the script does nothing until it loads again.
      return text('text/javascript; charset=utf-8', `/* ${message} */\n`, CORS);
    case 'calendar':
      return text('text/plain; charset=utf-8', `${message}\n`);
    case 'html':
    case 'error-page':
      return text('text/html; charset=utf-8', plainPage(status === 503 ? 'Status page briefly unavailable' : 'Page not found', message), {
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
      });
  }
}

/** A page that needs nothing but itself: readable in light and dark, on a phone. */
function plainPage(title: string, message: string): string {
  const style =
    'body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:15vh 1.5rem;text-align:center;color:#0f172a;background:#f8fafc}' +
    'h1{font-size:1.5rem;margin:0 0 .75rem}a{color:#1d4ed8}' +
    '@media (prefers-color-scheme:dark){body{color:#f1f5f9;background:#020617}a{color:#93c5fd}}';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${xmlText(title)}</title><style>${style}</style></head><body><main><h1>${xmlText(title)}</h1><p>${xmlText(message)}</p><p><a href="/">Try the status page again</a></p></main></body></html>\n`;
}

const rendered = new Map<string, Artifact>();
function once(status: 404 | 503, format: PublicFormat): Artifact {
  const key = `${status}:${format}`;
  let artifact = rendered.get(key);
  if (!artifact) rendered.set(key, (artifact = render(status, format)));
  return artifact;
}

/** A public path's answer while there is no snapshot at all: 503 with Retry-After. */
export const unavailableArtifact = (format: PublicFormat) => once(503, format);

/** A public path that names nothing in the snapshot (HTML pages get Next's own 404 page where it can render). */
export const notFoundArtifact = (format: PublicFormat) => once(404, format);
