// GET /api/v2/*.json: Statuspage-compatible public JSON. The custom server answers these from
// memory before Next.js sees them; this handler serves the same bytes when Next runs on its own.
import { jsonError } from '@/lib/http/json-error';
import { artifactResponse } from '@/lib/read-path/artifact';
import { getReadPath } from '@/lib/read-path/instance';
import { API_V2_PREFIX, renderStatuspageJson, resolvePublicRoute } from '@/lib/read-path/public-routes';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const url = new URL(request.url);
  const readPath = getReadPath();
  const { snapshot } = await readPath.get();
  const route = resolvePublicRoute(url.pathname, url.searchParams, snapshot);
  if (route?.kind !== 'json') {
    return jsonError(404, 'not_found', `No such endpoint: ${url.pathname}. See ${API_V2_PREFIX}summary.json.`, {
      'access-control-allow-origin': '*',
    });
  }
  const artifact = await readPath.artifact(route.key, (current) => renderStatuspageJson(current.snapshot, route.endpoint));
  return artifactResponse(artifact!, request);
}
