// GET, PATCH /api/v1/pages/{page_id}/incidents/{incident_id}: PATCH posts a new update.
import { expectedVersion, incidentResponse } from '@/lib/admin-api/responses';
import { adminRoute, otherMethods } from '@/lib/http/admin-route';
import { postIncidentUpdate } from '@/lib/incidents/post-update';
import { apiIncidentUpdateSchema, toIncidentUpdateInput } from '@/lib/schemas/admin-api';

export const dynamic = 'force-dynamic';

type Params = { pageId: string; incidentId: string };

export const GET = adminRoute<Params>('read', ({ db, params }) => incidentResponse(db, params.incidentId));

export const PATCH = adminRoute<Params>('incidents', async ({ db, params, body, actor, request }) => {
  const input = apiIncidentUpdateSchema.parse(body);
  await postIncidentUpdate(db, params.incidentId, toIncidentUpdateInput(input, expectedVersion(request)), actor);
  return incidentResponse(db, params.incidentId);
});

export const { HEAD, POST, PUT, DELETE, OPTIONS } = otherMethods({ GET, PATCH });
