// GET /readyz: ready only while the database answers; the public pages keep working either way.
import { getDb } from '@/lib/db/client';
import { checkDatabase } from '@/lib/health';
import { log } from '@/lib/log';
import { getReadPath } from '@/lib/read-path/instance';

export const dynamic = 'force-dynamic';

export async function GET() {
  const database = await checkDatabase(getDb());
  // The reason goes to the log only: it can name internal hosts.
  if (!database.ok) log('warn', 'readiness check: database unreachable', { error: database.error });
  const readPath = getReadPath();
  const snapshot = readPath.peek();
  const body = {
    status: database.ok ? 'ready' : 'database_unavailable',
    database: database.ok ? 'up' : 'down',
    snapshot: snapshot ? { live: snapshot.freshness.live, built_at: snapshot.snapshot.builtAt, rebuilds: readPath.rebuilds } : null,
  };
  return Response.json(body, { status: database.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
