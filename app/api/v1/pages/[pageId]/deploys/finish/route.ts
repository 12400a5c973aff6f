// POST /api/v1/pages/{page_id}/deploys/finish: ends a deploy window (the one named, or the only one
// in progress); its components come back. One that already ended is answered as it is.
import { incidentResponse } from '@/lib/admin-api/responses';
import { apiDeployFinishSchema, withDeployFieldNames } from '@/lib/admin-api/request-schemas';
import { adminRoute, otherMethods } from '@/lib/http/admin-route';
import { finishDeploy } from '@/lib/maintenance/deploys';

export const dynamic = 'force-dynamic';

export const POST = adminRoute('deploys.write', async ({ db, body, actor }) => {
  const { deploy } = await withDeployFieldNames(() => finishDeploy(db, apiDeployFinishSchema.parse(body), actor));
  return incidentResponse(db, deploy.id);
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
