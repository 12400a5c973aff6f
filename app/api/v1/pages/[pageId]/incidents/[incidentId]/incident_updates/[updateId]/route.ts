// PATCH, PUT, DELETE /api/v1/pages/{page_id}/incidents/{incident_id}/incident_updates/{update_id}:
// correct a posted update's message or time, or delete it. If-Match checks the incident's version.
import { expectedVersion, incidentUpdateResponse } from '@/lib/admin-api/responses';
import { adminRoute, otherMethods } from '@/lib/http/admin-route';
import { deleteIncidentUpdate, editIncidentUpdate } from '@/lib/incidents/edit-update';
import { apiIncidentUpdateEditSchema } from '@/lib/admin-api/request-schemas';

export const dynamic = 'force-dynamic';

type Params = { pageId: string; incidentId: string; updateId: string };

export const PATCH = adminRoute<Params>('incidents.write', async ({ db, params, body, actor, request }) => {
  const input = { ...apiIncidentUpdateEditSchema.parse(body), expectedVersion: expectedVersion(request) };
  await editIncidentUpdate(db, params.incidentId, params.updateId, input, actor);
  return incidentUpdateResponse(db, params.incidentId, params.updateId);
});
export const PUT = PATCH;

export const DELETE = adminRoute<Params>('incidents.write', async ({ db, params, actor, request }) => {
  await deleteIncidentUpdate(db, params.incidentId, params.updateId, actor, expectedVersion(request));
  return new Response(null, { status: 204 });
});

export const { GET, HEAD, POST, OPTIONS } = otherMethods({ PUT, PATCH, DELETE });
