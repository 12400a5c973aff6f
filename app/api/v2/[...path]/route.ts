// GET /api/v2/*.json: Statuspage-compatible public JSON (served from memory by the custom server).
import { servePublicArtifact } from '@/lib/read-path/route-handler';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return servePublicArtifact(request);
}
