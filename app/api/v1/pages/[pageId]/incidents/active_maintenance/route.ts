// GET /api/v1/pages/{page_id}/incidents/active_maintenance: maintenance in progress or being verified.
import { incidentsResponse } from '@/lib/admin-api/responses';
import { adminRoute, otherMethods } from '@/lib/http/admin-route';
import { isActiveMaintenance } from '@/lib/status/incident-state';

export const dynamic = 'force-dynamic';

export const GET = adminRoute('read', ({ db }) => incidentsResponse(db, (all) => all.filter((entry) => entry.kind === 'maintenance' && isActiveMaintenance(entry))));

export const { HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
