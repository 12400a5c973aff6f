// GET, POST /api/v1/pages/{page_id}/subscribers: the subscribers, and subscribing an address or an endpoint.
import { apiSubscriberCreateSchema, subscriberResponse, subscribersResponse } from '@/lib/admin-api/subscriber-api';
import { adminRoute, otherMethods } from '@/lib/http/admin-route';
import { createSubscriber } from '@/lib/notifications/manage-subscribers';

export const dynamic = 'force-dynamic';

export const GET = adminRoute('subscribers.manage', ({ db, actor, request }) => subscribersResponse(db, actor, request));

export const POST = adminRoute('subscribers.manage', async ({ db, body, actor }) => {
  const { input, skipConfirmation } = apiSubscriberCreateSchema.parse(body);
  return subscriberResponse(await createSubscriber(db, input, actor, { skipConfirmation }), 201, { withSecret: true });
});

export const { HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
