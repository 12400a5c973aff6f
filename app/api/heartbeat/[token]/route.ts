// GET, POST, HEAD /api/heartbeat/{token}: a cron job or deploy script saying it ran. The token is the
// secret; no API key is needed, so a one-line `curl` in a crontab is enough.
import { errorResponse } from '@/lib/http/admin-route';
import { getDb } from '@/lib/db/client';
import { recordHeartbeat } from '@/lib/monitors/scheduler';

export const dynamic = 'force-dynamic';

async function beat(_request: Request, context: { params: Promise<{ token: string }> }) {
  try {
    const { paused } = await recordHeartbeat(getDb(), (await context.params).token);
    return Response.json({ ok: true, paused }, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error, _request);
  }
}

export const GET = beat;
export const POST = beat;
export const HEAD = beat;
