// GET /api/v1/pages/{page_id}/subscribers/count?type=&state=: how many subscribers.
import { subscriberCountResponse } from '@/lib/admin-api/subscriber-api';
import { adminRoute, otherMethods } from '@/lib/http/admin-route';

export const dynamic = 'force-dynamic';

export const GET = adminRoute('subscribers.manage', ({ db, actor, request }) => subscriberCountResponse(db, actor, request));

export const { HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
