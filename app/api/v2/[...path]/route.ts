// GET /api/v2/*.json: Statuspage-compatible public JSON (served from memory by the custom server).
import { jsonError } from '@/lib/http/json-error';
import { API_V2_PREFIX } from '@/lib/read-path/public-routes';
import { servePublicArtifact } from '@/lib/read-path/route-handler';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return servePublicArtifact(request, () =>
    jsonError(404, 'not_found', `No such endpoint: ${new URL(request.url).pathname}. See ${API_V2_PREFIX}summary.json.`, {
      'access-control-allow-origin': '*',
    }),
  );
}
