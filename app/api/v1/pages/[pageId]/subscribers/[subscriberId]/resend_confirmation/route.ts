// POST /api/v1/pages/{page_id}/subscribers/{subscriber_id}/resend_confirmation: a new confirmation link to an unconfirmed address.
import { subscriberResponse } from '@/lib/admin-api/subscriber-api';
import { adminRoute, otherMethods } from '@/lib/http/admin-route';
import { resendConfirmation } from '@/lib/notifications/manage-subscribers';

export const dynamic = 'force-dynamic';

type Params = { pageId: string; subscriberId: string };

export const POST = adminRoute<Params>('subscribers.manage', async ({ db, params, actor }) => subscriberResponse(await resendConfirmation(db, params.subscriberId, actor)));

export const { HEAD, GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
