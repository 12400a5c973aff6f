// GET, PATCH /api/v1/pages/{page_id}/components/{component_id}: PATCH changes its status.
import { componentsResponse } from '@/lib/admin-api/responses';
import { setComponentStatus } from '@/lib/components/set-component-status';
import { adminRoute } from '@/lib/http/admin-route';
import { apiComponentUpdateSchema } from '@/lib/schemas/admin-api';

export const dynamic = 'force-dynamic';

type Params = { pageId: string; componentId: string };

export const GET = adminRoute<Params>('read', ({ db, params }) => componentsResponse(db, params.componentId));

export const PATCH = adminRoute<Params>('components', async ({ db, params, body, actor }) => {
  const { component } = apiComponentUpdateSchema.parse(body);
  await setComponentStatus(db, { componentId: params.componentId, status: component.status }, actor);
  return componentsResponse(db, params.componentId);
});
