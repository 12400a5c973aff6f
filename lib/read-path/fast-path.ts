import type { IncomingMessage, ServerResponse } from 'node:http';
import { createArtifact, replyWithArtifact, type Artifact } from './artifact.ts';
import { withoutClientRuntime } from './plain-html.ts';
import { resolvePublicRoute } from './public-routes.ts';
import type { ReadPath } from './read-path.ts';

const CSP_NO_SCRIPT = "default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; base-uri 'none'; form-action 'self'";

/** Headers every public HTML page carries. The pages run no script at all, so none is allowed. */
export const HTML_HEADERS = {
  'content-security-policy': `${CSP_NO_SCRIPT}; frame-ancestors 'self'`,
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

/** The compact view at /embed/frame is made to be framed by any site. */
export const FRAMEABLE_HTML_HEADERS = {
  'content-security-policy': `${CSP_NO_SCRIPT}; frame-ancestors *`,
  'referrer-policy': 'strict-origin-when-cross-origin',
};

/**
 * The custom server's answer to hot public GETs: bytes from memory, without Next.js on the way.
 * Returns false when the request is not one of ours (Next.js handles it). `renderHtml` asks Next
 * to render a page once per snapshot version.
 */
export function createFastPath(readPath: ReadPath, renderHtml: (path: string) => Promise<{ status: number; contentType: string; body: Buffer }>) {
  const render = async (key: string, frameable: boolean): Promise<Artifact | null> => {
    const page = await renderHtml(key);
    if (page.status !== 200 || !page.contentType.startsWith('text/html')) return null;
    return createArtifact({
      body: withoutClientRuntime(page.body.toString('utf8')),
      contentType: page.contentType,
      headers: frameable ? FRAMEABLE_HTML_HEADERS : HTML_HEADERS,
    });
  };

  return function serveFromMemory(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    // Next.js client navigations ask for RSC payloads at the same paths; those are Next's.
    if (req.headers.rsc || req.headers['next-router-prefetch']) return false;
    const url = req.url ?? '/';
    // Most requests use a canonical URL, which is the key of a response already rendered.
    const cached = readPath.cachedArtifact(url);
    if (cached) {
      send(req, res, cached);
      return true;
    }
    const current = readPath.peek();
    if (!current) return false;
    const queryAt = url.indexOf('?');
    const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
    const search = new URLSearchParams(queryAt === -1 ? '' : url.slice(queryAt + 1));
    if (search.has('_rsc')) return false;
    const route = resolvePublicRoute(pathname, search, current.snapshot);
    if (!route) return false;

    const rendered = readPath.cachedArtifact(route.key);
    if (rendered) {
      send(req, res, rendered);
      return true;
    }
    const pending =
      route.kind === 'artifact'
        ? readPath.artifact(route.key, (now) => route.render(now.snapshot), { volatile: route.volatile })
        : readPath.artifact(route.key, () => render(route.key, route.frameable ?? false));
    pending.then(
      (artifact) => (artifact ? send(req, res, artifact) : fail(res)),
      () => fail(res),
    );
    return true;
  };
}

function send(req: IncomingMessage, res: ServerResponse, artifact: Artifact) {
  const reply = replyWithArtifact(artifact, {
    method: req.method,
    ifNoneMatch: req.headers['if-none-match'],
    acceptEncoding: req.headers['accept-encoding'],
  });
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body);
}

function fail(res: ServerResponse) {
  res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5', 'cache-control': 'no-store' });
  res.end('The status page is starting or briefly unavailable. Please retry in a few seconds.\n');
}
