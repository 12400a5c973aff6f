// GET, POST /api/v1/pages/{page_id}/incidents (Statuspage Manage API shapes).
import { incidentResponse, incidentsResponse } from '@/lib/admin-api/responses';
import { adminRoute } from '@/lib/http/admin-route';
import { createIncident } from '@/lib/incidents/create-incident';
import { apiIncidentCreateSchema } from '@/lib/schemas/admin-api';

export const dynamic = 'force-dynamic';

export const GET = adminRoute('read', ({ db }) => incidentsResponse(db, (all) => all.sort((a, b) => b.createdAt.localeCompare(a.createdAt))));

export const POST = adminRoute('incidents', async ({ db, body, actor }) => {
  const incident = await createIncident(db, apiIncidentCreateSchema.parse(body), actor);
  return incidentResponse(db, incident.id, 201);
});
