// GET, PATCH, PUT, DELETE /api/v1/pages/{page_id}/components/{component_id}.
// A status alone needs the `components` scope; renaming, regrouping, reordering or deleting needs
// `admin` (editComponent decides by the fields given).
import { componentResponse } from '@/lib/admin-api/responses';
import { deleteComponent, editComponent } from '@/lib/components/manage-components';
import { adminRoute, otherMethods } from '@/lib/http/admin-route';
import { apiComponentUpdateSchema } from '@/lib/admin-api/request-schemas';

export const dynamic = 'force-dynamic';

type Params = { pageId: string; componentId: string };

export const GET = adminRoute<Params>('read', ({ db, params }) => componentResponse(db, params.componentId));

export const PATCH = adminRoute<Params>('components.status', async ({ db, params, body, actor }) => {
  await editComponent(db, params.componentId, apiComponentUpdateSchema.parse(body), actor);
  return componentResponse(db, params.componentId);
});
export const PUT = PATCH;

export const DELETE = adminRoute<Params>('components.configure', async ({ db, params, actor }) => {
  await deleteComponent(db, params.componentId, actor);
  return new Response(null, { status: 204 });
});

export const { HEAD, POST, OPTIONS } = otherMethods({ GET, PUT, PATCH, DELETE });
