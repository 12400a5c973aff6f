// GET /errors/502.html … /errors/504.html and HAProxy's /errors/502.http …: served from memory by the
// custom server; this handler sends the same bytes under plain Next.
import { servePublicArtifact } from '@/lib/read-path/route-handler';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return servePublicArtifact(request);
}
