// POST /api/v1/pages/{page_id}/monitors/{monitor_id}/check: "check now", answering the check's result.
import { checkNowResponse } from '@/lib/admin-api/responses';
import { adminRoute, otherMethods } from '@/lib/http/admin-route';
import { checkNow } from '@/lib/monitors/scheduler';

export const dynamic = 'force-dynamic';

type Params = { pageId: string; monitorId: string };

export const POST = adminRoute<Params>('components.configure', async ({ db, params, actor }) => checkNowResponse(await checkNow(db, params.monitorId, actor)));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
