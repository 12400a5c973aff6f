import { AppError } from '../errors.ts';
import { artifactResponse } from '../http/artifact.ts';
import { notFoundArtifact, unavailableArtifact } from './fallback-artifacts.ts';
import { getReadPath } from './instance.ts';
import { publicFormat } from './public-paths.ts';
import { resolvePublicRoute } from './public-routes.ts';

/**
 * The Next.js route handlers of the public JSON, badges, feeds and embed script. The custom server
 * answers these from memory before Next sees them; this sends the same bytes when Next runs on its
 * own (`next dev`).
 */
export async function servePublicArtifact(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const format = publicFormat(url.pathname) ?? 'json';
  const readPath = getReadPath();
  try {
    const { snapshot } = await readPath.get();
    const route = resolvePublicRoute(url.pathname, url.searchParams, snapshot);
    const artifact = route?.kind === 'artifact' ? await readPath.artifact(route.key, (current) => route.render(current.snapshot), { volatile: route.volatile }) : null;
    return artifactResponse(artifact ?? notFoundArtifact(format), request);
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'unavailable')) throw error;
    return artifactResponse(unavailableArtifact(format), request);
  }
}
