// GET /api/v1/pages/{page_id}/monitors/{monitor_id}/checks?limit=N: the latest checks, newest first.
import { checksResponse } from '@/lib/admin-api/responses';
import { checkLimitSchema } from '@/lib/admin-api/request-schemas';
import { adminRoute, otherMethods } from '@/lib/http/admin-route';

export const dynamic = 'force-dynamic';

type Params = { pageId: string; monitorId: string };

export const GET = adminRoute<Params>('read', async ({ db, params, request }) =>
  checksResponse(db, params.monitorId, checkLimitSchema.parse(new URL(request.url).searchParams.get('limit') ?? undefined)),
);

export const { HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
