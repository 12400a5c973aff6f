// POST /api/v1/pages/{page_id}/alerts/grafana: alerts from Grafana alerting's webhook contact point.
import { alertIntakeResponse } from '@/lib/admin-api/responses';
import { adminRoute, otherMethods } from '@/lib/http/admin-route';
import { ALERT_BODY_BYTES, receiveAlerts } from '@/lib/monitors/alert-intake';

export const dynamic = 'force-dynamic';

export const POST = adminRoute('alerts.post', async ({ db, body, actor }) => alertIntakeResponse(await receiveAlerts(db, body, actor)), { maxBodyBytes: ALERT_BODY_BYTES });

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
