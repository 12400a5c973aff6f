import { jsonError } from '../http/json-error.ts';
import { artifactResponse } from './artifact.ts';
import { getReadPath } from './instance.ts';
import { resolvePublicRoute } from './public-routes.ts';
import { SnapshotUnavailableError } from './read-path.ts';

/**
 * The Next.js route handlers of the public JSON, badges, feeds and embed script. The custom server
 * answers these from memory before Next sees them; this sends the same bytes when Next runs on its
 * own (`next dev`, or a request that arrives before the first snapshot).
 */
export async function servePublicArtifact(request: Request, notFound: () => Response = () => new Response('Not found\n', { status: 404 })) {
  const url = new URL(request.url);
  const readPath = getReadPath();
  try {
    const { snapshot } = await readPath.get();
    const route = resolvePublicRoute(url.pathname, url.searchParams, snapshot);
    if (route?.kind !== 'artifact') return notFound();
    const artifact = await readPath.artifact(route.key, (current) => route.render(current.snapshot), { volatile: route.volatile });
    return artifact ? artifactResponse(artifact, request) : notFound();
  } catch (error) {
    if (!(error instanceof SnapshotUnavailableError)) throw error;
    return jsonError(503, 'unavailable', 'The status page is starting or its database is unreachable; retry in a few seconds.', { 'retry-after': '5' });
  }
}
