// GET, POST /api/v1/pages/{page_id}/subscribers: the subscribers, and subscribing a webhook.
import { apiSubscriberCreateSchema, subscriberResponse, subscribersResponse } from '@/lib/admin-api/subscriber-api';
import { adminRoute, otherMethods } from '@/lib/http/admin-route';
import { createSubscriber } from '@/lib/notifications/manage-subscribers';

export const dynamic = 'force-dynamic';

export const GET = adminRoute('subscribers.manage', ({ db, actor, request }) => subscribersResponse(db, actor, request));

export const POST = adminRoute('subscribers.manage', async ({ db, body, actor }) =>
  subscriberResponse(await createSubscriber(db, apiSubscriberCreateSchema.parse(body), actor), 201, { withSecret: true }),
);

export const { HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
