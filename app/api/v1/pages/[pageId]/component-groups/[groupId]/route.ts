// GET, PATCH, PUT, DELETE /api/v1/pages/{page_id}/component-groups/{group_id}.
// Deleting a group keeps its components, at the end of the top level.
import { groupsResponse } from '@/lib/admin-api/responses';
import { deleteGroup, editGroup } from '@/lib/components/manage-components';
import { adminRoute, otherMethods } from '@/lib/http/admin-route';
import { apiGroupUpdateSchema } from '@/lib/admin-api/request-schemas';

export const dynamic = 'force-dynamic';

type Params = { pageId: string; groupId: string };

export const GET = adminRoute<Params>('read', ({ db, params }) => groupsResponse(db, params.groupId));

export const PATCH = adminRoute<Params>('components.configure', async ({ db, params, body, actor }) => {
  await editGroup(db, params.groupId, apiGroupUpdateSchema.parse(body), actor);
  return groupsResponse(db, params.groupId);
});
export const PUT = PATCH;

export const DELETE = adminRoute<Params>('components.configure', async ({ db, params, actor }) => {
  await deleteGroup(db, params.groupId, actor);
  return new Response(null, { status: 204 });
});

export const { HEAD, POST, OPTIONS } = otherMethods({ GET, PUT, PATCH, DELETE });
