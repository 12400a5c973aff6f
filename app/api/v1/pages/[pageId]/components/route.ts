// GET, POST /api/v1/pages/{page_id}/components: list groups and components; add a component.
import { componentResponse, componentsResponse } from '@/lib/admin-api/responses';
import { createComponent } from '@/lib/components/manage-components';
import { adminRoute, otherMethods } from '@/lib/http/admin-route';
import { apiComponentCreateSchema } from '@/lib/admin-api/request-schemas';

export const dynamic = 'force-dynamic';

export const GET = adminRoute('read', ({ db }) => componentsResponse(db));

export const POST = adminRoute('components.configure', async ({ db, body, actor }) => {
  const component = await createComponent(db, apiComponentCreateSchema.parse(body), actor);
  return componentResponse(db, component.id, 201);
});

export const { HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
