// GET, POST /api/v1/pages/{page_id}/incidents (Statuspage Manage API shapes); POST with status
// "scheduled" announces a maintenance window.
import { incidentResponse, incidentsResponse } from '@/lib/admin-api/responses';
import { adminRoute, otherMethods } from '@/lib/http/admin-route';
import { createIncident } from '@/lib/incidents/create-incident';
import { createMaintenance } from '@/lib/maintenance/maintenance';
import { apiIncidentCreateSchema } from '@/lib/admin-api/request-schemas';

export const dynamic = 'force-dynamic';

export const GET = adminRoute('read', ({ db }) => incidentsResponse(db, 'all'));

export const POST = adminRoute('incidents.write', async ({ db, body, actor }) => {
  const request = apiIncidentCreateSchema.parse(body);
  const created = request.kind === 'maintenance' ? await createMaintenance(db, request.input, actor) : await createIncident(db, request.input, actor);
  return incidentResponse(db, created.id, 201);
});

export const { HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
