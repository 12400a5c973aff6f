// GET, POST /api/v1/pages/{page_id}/deploys: the deploy windows in progress; open one (a deploy
// script's first call), answered with it as an incident (kind maintenance, in progress).
import { incidentResponse, incidentsResponse } from '@/lib/admin-api/responses';
import { apiDeployStartSchema, withDeployFieldNames } from '@/lib/admin-api/request-schemas';
import { adminRoute, otherMethods } from '@/lib/http/admin-route';
import { startDeploy } from '@/lib/maintenance/deploys';

export const dynamic = 'force-dynamic';

export const GET = adminRoute('read', ({ db }) => incidentsResponse(db, 'deploys'));

export const POST = adminRoute('deploys.write', async ({ db, body, actor }) => {
  const deploy = await withDeployFieldNames(() => startDeploy(db, apiDeployStartSchema.parse(body), actor));
  return incidentResponse(db, deploy.id, 201);
});

export const { HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
