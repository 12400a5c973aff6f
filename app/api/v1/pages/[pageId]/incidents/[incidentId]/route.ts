// GET, PATCH, DELETE /api/v1/pages/{page_id}/incidents/{incident_id}: PATCH edits the incident's
// fields and posts an update when a status or message is given; DELETE removes it.
import { expectedVersion, incidentResponse } from '@/lib/admin-api/responses';
import { adminRoute, otherMethods } from '@/lib/http/admin-route';
import { deleteIncident } from '@/lib/incidents/manage-incident';
import { patchIncident } from '@/lib/incidents/patch-incident';
import { apiIncidentPatchSchema, toIncidentPatch } from '@/lib/admin-api/request-schemas';

export const dynamic = 'force-dynamic';

type Params = { pageId: string; incidentId: string };

export const GET = adminRoute<Params>('read', ({ db, params }) => incidentResponse(db, params.incidentId));

export const PATCH = adminRoute<Params>('incidents.write', async ({ db, params, body, actor, request }) => {
  await patchIncident(db, params.incidentId, toIncidentPatch(apiIncidentPatchSchema.parse(body), expectedVersion(request)), actor);
  return incidentResponse(db, params.incidentId);
});

/** Answers with the incident as it was, as Statuspage does. */
export const DELETE = adminRoute<Params>('incidents.write', async ({ db, params, actor, request }) => {
  const deleted = await incidentResponse(db, params.incidentId);
  await deleteIncident(db, params.incidentId, actor, expectedVersion(request));
  return deleted;
});

export const { HEAD, POST, PUT, OPTIONS } = otherMethods({ GET, PATCH, DELETE });
