// GET, POST /api/v1/pages/{page_id}/monitors: the monitors, and adding one.
import { monitorResponse, monitorsResponse } from '@/lib/admin-api/responses';
import { apiMonitorCreateSchema, withMonitorFieldNames } from '@/lib/admin-api/request-schemas';
import { adminRoute, otherMethods } from '@/lib/http/admin-route';
import { createMonitor } from '@/lib/monitors/manage-monitors';

export const dynamic = 'force-dynamic';

export const GET = adminRoute('read', ({ db, actor }) => monitorsResponse(db, actor));

export const POST = adminRoute('components.configure', async ({ db, body, actor }) => {
  const monitor = await withMonitorFieldNames(() => createMonitor(db, apiMonitorCreateSchema.parse(body), actor));
  return monitorResponse(db, monitor.id, actor, 201);
});

export const { HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
