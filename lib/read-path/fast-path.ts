import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody } from '../http/json-error.ts';
import { createArtifact, replyWithArtifact, type Artifact } from '../http/artifact.ts';
import { withoutClientRuntime } from './plain-html.ts';
import { decodedPath, normalizePath, publicFormat, type PublicFormat } from './public-paths.ts';
import { resolvePublicRoute } from './public-routes.ts';
import type { ReadPath } from './read-path.ts';
import { notFoundArtifact, unavailableArtifact } from './fallback-artifacts.ts';
import { withRequestId } from '../http/request-id.ts';

export interface PublicPageOptions {
  /** Made to be framed by any site (the compact view at /embed/frame). */
  frameable?: boolean;
  /** The inline scripts the page has (lib/embed/page-scripts.ts). */
  scripts?: readonly string[];
}

/**
 * Headers a public HTML page carries. Most pages run no script at all, so none is allowed; a page's
 * own inline scripts are allowed by their hash, and nothing else.
 */
export function htmlHeaders({ frameable = false, scripts = [] }: PublicPageOptions = {}): Record<string, string> {
  const allowed = scripts.map((script) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`).join(' ') || "'none'";
  const policy = `default-src 'self'; script-src ${allowed}; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; base-uri 'none'; form-action 'self'`;
  const referrer = { 'referrer-policy': 'strict-origin-when-cross-origin' };
  if (frameable) return { 'content-security-policy': `${policy}; frame-ancestors *`, ...referrer };
  return { 'content-security-policy': `${policy}; frame-ancestors 'self'`, 'x-frame-options': 'SAMEORIGIN', ...referrer };
}
export const HTML_HEADERS = htmlHeaders();

const NOT_FOUND_PAGE_KEY = '/_not-found';

/**
 * The custom server's answer to public paths: bytes from memory, without Next.js on the way, whatever
 * the method, query or headers (nothing makes Next render a public page per request). Other paths go
 * to `toNext`. `renderHtml` asks Next to render a page once per snapshot version.
 */
export function createFastPath(
  readPath: ReadPath,
  renderHtml: (path: string) => Promise<{ status: number; contentType: string; body: Buffer }>,
  toNext: (req: IncomingMessage, res: ServerResponse) => void,
) {
  const render = async (key: string, options: PublicPageOptions = {}): Promise<Artifact | null> => {
    const page = await renderHtml(key);
    const expected = key === NOT_FOUND_PAGE_KEY ? 404 : 200;
    if (page.status !== expected || !page.contentType.startsWith('text/html')) return null;
    return createArtifact({
      status: expected,
      body: withoutClientRuntime(page.body.toString('utf8')),
      contentType: page.contentType,
      headers: htmlHeaders(options),
    });
  };

  const answer = async (pathname: string, search: URLSearchParams, format: PublicFormat): Promise<Artifact> => {
    let current;
    try {
      current = await readPath.get();
    } catch {
      // No snapshot at all: the database is down and none was saved.
      return unavailableArtifact(format);
    }
    const route = resolvePublicRoute(pathname, search, current.snapshot);
    if (!route) {
      if (format !== 'html') return notFoundArtifact(format);
      return (await readPath.artifact(NOT_FOUND_PAGE_KEY, () => render(NOT_FOUND_PAGE_KEY))) ?? notFoundArtifact(format);
    }
    const artifact =
      route.kind === 'artifact'
        ? await readPath.artifact(route.key, (now) => route.render(now.snapshot), { volatile: route.volatile })
        : await readPath.artifact(route.key, () => render(route.key, route));
    return artifact ?? unavailableArtifact(format);
  };

  return function serve(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '/';
    const readOnly = req.method === 'GET' || req.method === 'HEAD';
    // Most requests use a canonical URL, which is the key of a response already rendered.
    const cached = readOnly ? readPath.cachedArtifact(url) : undefined;
    if (cached) return send(req, res, cached);
    const queryAt = url.indexOf('?');
    const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
    const pathname = normalizePath(rawPath);
    // A spelling Next would still route to a public page (`/embed%2Fframe`) is answered here too.
    const format = publicFormat(pathname) ?? publicFormat(decodedPath(rawPath) ?? '');
    if (!format) return toNext(req, res);
    if (!readOnly) return refuseMethod(req, res, format);
    const search = new URLSearchParams(queryAt === -1 ? '' : url.slice(queryAt + 1));
    answer(pathname, search, format).then(
      (artifact) => send(req, res, artifact),
      () => send(req, res, unavailableArtifact(format)),
    );
  };
}

/** 405 for what is not a read (JSON where the path answers JSON); OPTIONS (a CORS preflight) says which methods there are. */
function refuseMethod(req: IncomingMessage, res: ServerResponse, format: PublicFormat) {
  const allow = 'GET, HEAD, OPTIONS';
  if (req.method === 'OPTIONS') {
    res.writeHead(204, withRequestId(req, { allow, 'access-control-allow-origin': '*', 'access-control-allow-methods': allow, 'access-control-max-age': '86400' }));
    res.end();
    return;
  }
  const message = `${req.method} is not allowed here: this address only answers GET and HEAD.`;
  const json = format === 'json' || format === 'badge-json';
  res.writeHead(405, withRequestId(req, { allow, 'content-type': json ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8', 'cache-control': 'no-store' }));
  res.end(json ? JSON.stringify(errorBody('method_not_allowed', message)) : `${message}\n`);
}

function send(req: IncomingMessage, res: ServerResponse, artifact: Artifact) {
  const reply = replyWithArtifact(artifact, {
    method: req.method,
    ifNoneMatch: req.headers['if-none-match'],
    acceptEncoding: req.headers['accept-encoding'],
  });
  res.writeHead(reply.status, withRequestId(req, reply.headers));
  res.end(reply.body);
}

