// GET, DELETE /api/v1/pages/{page_id}/subscribers/{subscriber_id}: one subscriber, and unsubscribing it.
import { oneSubscriberResponse, subscriberResponse } from '@/lib/admin-api/subscriber-api';
import { adminRoute, otherMethods } from '@/lib/http/admin-route';
import { deleteSubscriber } from '@/lib/notifications/manage-subscribers';

export const dynamic = 'force-dynamic';

type Params = { pageId: string; subscriberId: string };

export const GET = adminRoute<Params>('subscribers.manage', ({ db, params, actor }) => oneSubscriberResponse(db, actor, params.subscriberId));

export const DELETE = adminRoute<Params>('subscribers.manage', async ({ db, params, actor }) => subscriberResponse(await deleteSubscriber(db, params.subscriberId, actor)));

export const { HEAD, POST, PUT, PATCH, OPTIONS } = otherMethods({ GET, DELETE });
