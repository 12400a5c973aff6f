// GET, PATCH, DELETE /api/v1/pages/{page_id}/monitors/{monitor_id}.
import { monitorResponse } from '@/lib/admin-api/responses';
import { apiMonitorUpdateSchema, withMonitorFieldNames } from '@/lib/admin-api/request-schemas';
import { adminRoute, otherMethods } from '@/lib/http/admin-route';
import { deleteMonitor, editMonitor } from '@/lib/monitors/manage-monitors';

export const dynamic = 'force-dynamic';

type Params = { pageId: string; monitorId: string };

export const GET = adminRoute<Params>('read', ({ db, params, actor }) => monitorResponse(db, params.monitorId, actor));

export const PATCH = adminRoute<Params>('components.configure', async ({ db, params, body, actor }) => {
  await withMonitorFieldNames(() => editMonitor(db, params.monitorId, apiMonitorUpdateSchema.parse(body), actor));
  return monitorResponse(db, params.monitorId, actor);
});

export const DELETE = adminRoute<Params>('components.configure', async ({ db, params, actor }) => {
  await deleteMonitor(db, params.monitorId, actor);
  return new Response(null, { status: 204 });
});

export const { HEAD, POST, PUT, OPTIONS } = otherMethods({ GET, PATCH, DELETE });
