// GET /history.rss: served from memory by the custom server; this handler sends the same bytes under plain Next.
import { servePublicArtifact } from '@/lib/read-path/route-handler';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return servePublicArtifact(request);
}
