// GET, POST /api/v1/pages/{page_id}/component-groups: list groups; add one with its components.
import { groupsResponse } from '@/lib/admin-api/responses';
import { createGroup } from '@/lib/components/manage-components';
import { adminRoute, otherMethods } from '@/lib/http/admin-route';
import { apiGroupCreateSchema } from '@/lib/admin-api/request-schemas';

export const dynamic = 'force-dynamic';

export const GET = adminRoute('read', ({ db }) => groupsResponse(db));

export const POST = adminRoute('components.configure', async ({ db, body, actor }) => {
  const group = await createGroup(db, apiGroupCreateSchema.parse(body), actor);
  return groupsResponse(db, group.id, 201);
});

export const { HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
