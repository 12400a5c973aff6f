import { z } from 'zod';
import {
  apiComponentCreateSchema,
  apiComponentUpdateSchema,
  apiGroupCreateSchema,
  apiGroupUpdateSchema,
  apiIncidentCreateSchema,
  apiDeployFinishSchema,
  apiDeployStartSchema,
  apiIncidentUpdateEditSchema,
  apiIncidentPatchSchema,
  apiMonitorCreateSchema,
  apiMonitorUpdateSchema,
  apiPageUpdateSchema,
} from './request-schemas.ts';
import type { ApiKeyScope } from '../schemas/api-key.ts';
import { codesByStatus, ERROR_CODES } from '../error-codes.ts';
import { FAILURE_CODES } from '../monitors/failures.ts';
import { alertWebhookSchema, MAX_ALERTS_PER_POST } from '../schemas/alert-webhook.ts';
import { apiSubscriberCreateSchema } from './subscriber-api.ts';

/** Every admin API endpoint: the OpenAPI document and the reference page are both made from this. */
export interface AdminEndpoint {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  scope: ApiKeyScope;
  /** When the scope depends on the body. */
  scopeNote?: string;
  summary: string;
  body?: z.ZodType;
  success: number;
  /** What a success answers; null for 204 No Content. */
  returns: 'Incident' | 'Incident[]' | 'IncidentUpdate' | 'Component' | 'Component[]' | 'ComponentGroup' | 'ComponentGroup[]' | 'Page' | 'Page[]' | 'Monitor' | 'Monitor[]' | 'MonitorCheck[]' | 'CheckNow' | 'AlertIntake' | 'Subscriber' | 'Subscriber[]' | 'SubscriberCount' | null;
  ifMatch?: boolean;
}

export const ADMIN_ENDPOINTS: AdminEndpoint[] = [
  { method: 'get', path: '/pages', scope: 'read', summary: 'The pages this key manages (one): where a script finds the page id', success: 200, returns: 'Page[]' },
  { method: 'get', path: '/pages/{page_id}', scope: 'read', summary: "The page's name, URL, time zone and branding", success: 200, returns: 'Page' },
  {
    method: 'patch',
    path: '/pages/{page_id}',
    scope: 'admin',
    summary: 'Change page settings: the fields given; "" or null clears support_url, logo_url, accent_color',
    body: apiPageUpdateSchema,
    success: 200,
    returns: 'Page',
  },
  { method: 'get', path: '/pages/{page_id}/incidents', scope: 'read', summary: 'Incidents and maintenances, newest first', success: 200, returns: 'Incident[]' },
  {
    method: 'post',
    path: '/pages/{page_id}/incidents',
    scope: 'incidents',
    summary: 'Open an incident with its first update, or with status "scheduled" announce a maintenance window',
    body: apiIncidentCreateSchema,
    success: 201,
    returns: 'Incident',
  },
  { method: 'get', path: '/pages/{page_id}/incidents/unresolved', scope: 'read', summary: 'Incidents not resolved yet', success: 200, returns: 'Incident[]' },
  { method: 'get', path: '/pages/{page_id}/incidents/upcoming', scope: 'read', summary: 'Maintenance scheduled and not started, soonest first', success: 200, returns: 'Incident[]' },
  { method: 'get', path: '/pages/{page_id}/incidents/active_maintenance', scope: 'read', summary: 'Maintenance in progress', success: 200, returns: 'Incident[]' },
  { method: 'get', path: '/pages/{page_id}/deploys', scope: 'read', summary: 'Deploy windows in progress, soonest end first', success: 200, returns: 'Incident[]' },
  {
    method: 'post',
    path: '/pages/{page_id}/deploys',
    scope: 'deploys',
    summary:
      'Open a deploy window now: the components (ids or names; a group stands for its components) go under maintenance for `minutes` (1-1440) ' +
      'with the deploy\'s name, their monitors open no incidents, and the error pages say a deploy is under way. It ends on its own when its time runs out. ' +
      'Subscribers hear of it only with deliver_notifications. 409 while another deploy is in progress on one of the components',
    body: apiDeployStartSchema,
    success: 201,
    returns: 'Incident',
  },
  {
    method: 'post',
    path: '/pages/{page_id}/deploys/finish',
    scope: 'deploys',
    summary:
      'Finish a deploy window (deploy.id, or with no body the only one in progress): its components come back. One that already ended is answered as it is; ' +
      'with several in progress and no id, 422 listing them',
    body: apiDeployFinishSchema,
    success: 200,
    returns: 'Incident',
  },
  { method: 'get', path: '/pages/{page_id}/incidents/{incident_id}', scope: 'read', summary: 'One incident; its ETag is its version', success: 200, returns: 'Incident' },
  {
    method: 'patch',
    path: '/pages/{page_id}/incidents/{incident_id}',
    scope: 'incidents',
    summary:
      'Edit name, impact_override or a maintenance window (scheduled_for, scheduled_until) without posting an update; a status or a body posts one ' +
      '(a status alone gets the standard message for it; resolving brings the affected components it does not name back to operational; "cancelled" calls a maintenance off). ' +
      'Nothing to change, or components without a status or body, is a 422',
    body: apiIncidentPatchSchema,
    success: 200,
    returns: 'Incident',
    ifMatch: true,
  },
  {
    method: 'delete',
    path: '/pages/{page_id}/incidents/{incident_id}',
    scope: 'incidents',
    summary: 'Delete an incident or maintenance with its updates, and the status changes it made from the uptime history; answers with it as it was',
    success: 200,
    returns: 'Incident',
    ifMatch: true,
  },
  ...(['patch', 'put'] as const).map(
    (method): AdminEndpoint => ({
      method,
      path: '/pages/{page_id}/incidents/{incident_id}/incident_updates/{update_id}',
      scope: 'incidents',
      summary: "Correct a posted update's message or the time it shows at; the incident's status stays",
      body: apiIncidentUpdateEditSchema,
      success: 200,
      returns: 'IncidentUpdate',
      ifMatch: true,
    }),
  ),
  {
    method: 'delete',
    path: '/pages/{page_id}/incidents/{incident_id}/incident_updates/{update_id}',
    scope: 'incidents',
    summary: 'Delete a posted update (not the only one); the incident and component statuses stay',
    success: 204,
    returns: null,
    ifMatch: true,
  },
  { method: 'get', path: '/pages/{page_id}/components', scope: 'read', summary: 'Groups and components, as the public JSON lists them', success: 200, returns: 'Component[]' },
  { method: 'post', path: '/pages/{page_id}/components', scope: 'admin', summary: 'Add a component, at the end of its group (or the top level) unless a position is given', body: apiComponentCreateSchema, success: 201, returns: 'Component' },
  { method: 'get', path: '/pages/{page_id}/components/{component_id}', scope: 'read', summary: 'One component', success: 200, returns: 'Component' },
  ...(['patch', 'put'] as const).map(
    (method): AdminEndpoint => ({
      method,
      path: '/pages/{page_id}/components/{component_id}',
      scope: 'components',
      scopeNote: 'A status alone needs `components`; any other field (name, group, position, flags) needs `admin`.',
      summary: "Change a component's status, or edit it: only the fields sent change",
      body: apiComponentUpdateSchema,
      success: 200,
      returns: 'Component',
    }),
  ),
  { method: 'delete', path: '/pages/{page_id}/components/{component_id}', scope: 'admin', summary: 'Delete a component and its uptime history; past incident updates keep its name, and it leaves the lists of subscribers who chose it', success: 204, returns: null },
  { method: 'get', path: '/pages/{page_id}/component-groups', scope: 'read', summary: 'Component groups, their members as ids', success: 200, returns: 'ComponentGroup[]' },
  { method: 'post', path: '/pages/{page_id}/component-groups', scope: 'admin', summary: 'Add a group with its components (they leave any other group)', body: apiGroupCreateSchema, success: 201, returns: 'ComponentGroup' },
  { method: 'get', path: '/pages/{page_id}/component-groups/{group_id}', scope: 'read', summary: 'One component group', success: 200, returns: 'ComponentGroup' },
  ...(['patch', 'put'] as const).map(
    (method): AdminEndpoint => ({
      method,
      path: '/pages/{page_id}/component-groups/{group_id}',
      scope: 'admin',
      summary: 'Edit a group; `components`, when sent, is its whole membership in order (those left out go to the top level)',
      body: apiGroupUpdateSchema,
      success: 200,
      returns: 'ComponentGroup',
    }),
  ),
  { method: 'delete', path: '/pages/{page_id}/component-groups/{group_id}', scope: 'admin', summary: 'Delete a group; its components stay, at the end of the top level', success: 204, returns: null },
  { method: 'get', path: '/pages/{page_id}/monitors', scope: 'read', summary: 'The monitors, each with its state and last check', success: 200, returns: 'Monitor[]' },
  {
    method: 'post',
    path: '/pages/{page_id}/monitors',
    scope: 'admin',
    summary:
      'Add a monitor to a component: type `http` (url, method, headers, body, expected_status such as "200-299", keyword or json_path/json_value, follow_redirects, slow_ms, cert_expiry_days), ' +
      '`tcp` (host, port), `heartbeat` (answers a heartbeat_url for a job to call) or `alert` (labels: name → value, 1 to 10, that an alert posted to /alerts/alertmanager or /alerts/grafana must all carry; down while one fires). Defaults: every 60 s, 10 s timeout, down after 3 failures, up after 2 successes. ' +
      'incident_mode `open` opens an incident when it goes down (from incident_template_id, or the built-in "502 Bad Gateway" one for a 502), `open_and_resolve` also resolves it after incident_quiet_minutes of passing checks',
    body: apiMonitorCreateSchema,
    success: 201,
    returns: 'Monitor',
  },
  { method: 'get', path: '/pages/{page_id}/monitors/{monitor_id}', scope: 'read', summary: 'One monitor', success: 200, returns: 'Monitor' },
  {
    method: 'patch',
    path: '/pages/{page_id}/monitors/{monitor_id}',
    scope: 'admin',
    summary: 'Change the fields given (`paused: true` pauses it; resuming starts its verdict afresh); the type cannot change',
    body: apiMonitorUpdateSchema,
    success: 200,
    returns: 'Monitor',
  },
  { method: 'delete', path: '/pages/{page_id}/monitors/{monitor_id}', scope: 'admin', summary: 'Delete a monitor and its checks; the status history it made stays', success: 204, returns: null },
  { method: 'post', path: '/pages/{page_id}/monitors/{monitor_id}/check', scope: 'admin', summary: 'Check now: runs the check, records it, and answers its result and timings', success: 200, returns: 'CheckNow' },
  { method: 'get', path: '/pages/{page_id}/monitors/{monitor_id}/checks', scope: 'read', summary: 'The latest checks, newest first (`?limit=`, 1-1000, default 100)', success: 200, returns: 'MonitorCheck[]' },
  ...(
    [
      ['alertmanager', "Prometheus Alertmanager's webhook receiver (payload version 4; send the key with http_config.authorization.credentials)"],
      ['grafana', "Grafana alerting's webhook contact point (send the key as its Authorization header, scheme Bearer)"],
    ] as const
  ).map(
    ([source, sender]): AdminEndpoint => ({
      method: 'post',
      path: `/pages/{page_id}/alerts/${source}`,
      scope: 'alerts',
      summary:
        `Alerts from ${sender}. Each alert counts for every active alert monitor whose labels it all carries: the first firing one sets the monitor down ` +
        `(status by its rule, incident by its incident_mode), the last resolved one sets it up. The same alert posted again changes nothing. ` +
        `At most ${MAX_ALERTS_PER_POST} alerts, 1 MB; alerts no monitor matches change nothing and are listed in the answer`,
      body: alertWebhookSchema,
      success: 200,
      returns: 'AlertIntake',
    }),
  ),
  {
    method: 'get',
    path: '/pages/{page_id}/subscribers',
    scope: 'admin',
    summary: 'Subscribers, newest first (`?type=` a mode, `?state=` active, unconfirmed, quarantined or all; `?q=` part of an address or endpoint; `?limit=` 1-1000, default 100; `?page=` from 1)',
    success: 200,
    returns: 'Subscriber[]',
  },
  {
    method: 'post',
    path: '/pages/{page_id}/subscribers',
    scope: 'admin',
    summary:
      'Subscribe an `email` address, or an `endpoint` with its `mode`: webhook (the default for an endpoint), slack, discord or teams (their incoming-webhook URLs); optionally `component_ids` (none: all components). ' +
      "A webhook is sent Statuspage's webhook bodies for incident updates and component status changes, signed the Standard Webhooks way with the `secret` this answer gives, once. " +
      'An address is sent a confirmation link first (valid 48 hours) unless `skip_confirmation_notification` is true; email answers 422 while SMTP_URL is not set. 409 when the address or endpoint is already subscribed',
    body: apiSubscriberCreateSchema,
    success: 201,
    returns: 'Subscriber',
  },
  { method: 'get', path: '/pages/{page_id}/subscribers/count', scope: 'admin', summary: 'How many subscribers (`?type=` a mode, `?state=` default active, `?q=` part of an address or endpoint)', success: 200, returns: 'SubscriberCount' },
  { method: 'get', path: '/pages/{page_id}/subscribers/{subscriber_id}', scope: 'admin', summary: 'One subscriber, with why it was quarantined if it was', success: 200, returns: 'Subscriber' },
  {
    method: 'post',
    path: '/pages/{page_id}/subscribers/{subscriber_id}/resend_confirmation',
    scope: 'admin',
    summary: 'Send an unconfirmed email subscriber a new confirmation link (the old one stops working); at most 3 messages to an address a day and one a minute (429 with Retry-After)',
    success: 200,
    returns: 'Subscriber',
  },
  { method: 'delete', path: '/pages/{page_id}/subscribers/{subscriber_id}', scope: 'admin', summary: 'Unsubscribe: the subscriber goes, with its deliveries, sent or not; answers with it as it was', success: 200, returns: 'Subscriber' },
];

/** A request body's JSON Schema, as clients send it (before lib's own mapping). */
export function bodySchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: (context) => {
      // Dates arrive as ISO 8601 strings.
      if ((context.zodSchema as { _zod: { def: { type: string } } })._zod.def.type === 'date') Object.assign(context.jsonSchema, { type: 'string', format: 'date-time' });
    },
  }) as Record<string, unknown>;
  return json;
}

const REQUEST_ID = { 'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' } };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/**
 * One response per error status, shared by every operation: its codes (the schema narrows `code` to
 * them) and what each means, all from lib/error-codes.ts.
 */
function errorResponses() {
  return Object.fromEntries(
    [...codesByStatus()].map(([status, codes]) => [
      `Error${status}`,
      {
        description: codes.map((code) => `\`${code}\`: ${ERROR_CODES[code].description}`).join('. '),
        headers: REQUEST_ID,
        content: { 'application/json': { schema: { allOf: [ref('Error')], properties: { error: { properties: { code: { enum: codes } } } } } } },
      },
    ]),
  );
}

export function openApiDocument(baseUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of ADMIN_ENDPOINTS) {
    const parameters = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
    if (endpoint.ifMatch) parameters.push({ name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } });
    const returns = endpoint.returns && (endpoint.returns.endsWith('[]') ? { type: 'array', items: ref(endpoint.returns.slice(0, -2)) } : ref(endpoint.returns));
    const body = endpoint.body && bodySchema(endpoint.body);
    (paths[endpoint.path] ??= {})[endpoint.method] = {
      summary: endpoint.summary,
      description: endpoint.scopeNote ?? (endpoint.scope === 'admin' ? 'Scope: `admin`.' : `Scope: \`${endpoint.scope}\` (or \`admin\`).`),
      parameters,
      ...(body && {
        requestBody: { required: true, content: { 'application/json': { schema: body }, 'application/x-www-form-urlencoded': { schema: body } } },
      }),
      responses: {
        [endpoint.success]: returns
          ? { description: 'OK', headers: REQUEST_ID, content: { 'application/json': { schema: returns } } }
          : { description: 'Done; no body', headers: REQUEST_ID },
        ...Object.fromEntries([...codesByStatus().keys()].map((status) => [status, { $ref: `#/components/responses/Error${status}` }])),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Gatewatch admin API',
      version: '1',
      description: "Statuspage Manage API shapes: scripts written for Atlassian Statuspage work by changing the base URL and the key.",
    },
    servers: [{ url: `${baseUrl.replace(/\/+$/, '')}/api/v1` }],
    security: [{ bearer: [] }, { statuspageOAuth: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <key>' },
        statuspageOAuth: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'Authorization: OAuth <key>, as Statuspage clients send it' },
      },
      headers: {
        'X-Request-Id': {
          description: "This request's id, as the server's log names it; a well-formed one sent in X-Request-Id (letters, digits, . _ -, at most 64) is kept",
          schema: { type: 'string' },
        },
      },
      responses: errorResponses(),
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message', 'details'],
              properties: { code: { type: 'string', enum: Object.keys(ERROR_CODES) }, message: { type: 'string' }, details: { type: 'array', items: {} } },
            },
          },
        },
        Incident: { type: 'object', description: 'As in /api/v2/incidents.json: id, name, status, impact, timestamps, incident_updates, components' },
        IncidentUpdate: { type: 'object', description: 'As in incident_updates of /api/v2/incidents.json: id, status, body, incident_id, created_at, updated_at, display_at, affected_components' },
        Component: { type: 'object', description: 'As in /api/v2/components.json' },
        Monitor: {
          type: 'object',
          description:
            'id, name, component_id, type, its own fields (as sent; header values hidden; a heartbeat its heartbeat_url), interval_seconds, timeout_seconds, failures_before_down, ' +
            'successes_before_up, down_status, paused, incident_mode, incident_template_id, incident_quiet_minutes, open_incident_id, state (unknown, up, degraded, down), state_since, last_check_at, last_check (a MonitorCheck), cert_expires_at, next_check_at, created_at, updated_at',
        },
        MonitorCheck: {
          type: 'object',
          description:
            `at, ok, code (null when it passed; ${FAILURE_CODES.join(', ')}), ` +
            'label and explanation of the code in words, detail, status_code, duration_ms, connect_ms, first_byte_ms',
        },
        CheckNow: {
          type: 'object',
          description:
            'check (a MonitorCheck without at, with cert_expires_at), state and previous_state of the monitor, component_status: {changed, status} or {changed: false, reason}, ' +
            'incident: what its incident did (opened, reopened, investigating_again, monitoring, resolved) or null',
        },
        AlertIntake: {
          type: 'object',
          description:
            'received (alerts in the post), monitors: for each alert monitor matched, monitor_id, name, component_id, matched, added (newly firing), resolved, firing (now), ' +
            'and when its firing alerts went from none to some or back: check ({ok, code, label, detail}), state, previous_state, component_status, incident (else null); ' +
            'unmapped: the alerts no monitor matched ({fingerprint, status, labels})',
        },
        Subscriber: {
          type: 'object',
          description:
            'id, mode (email, webhook, slack, discord, teams), email, endpoint, components (ids; null for all; an empty list when every one chosen was deleted since: page-wide incidents only), created_at, confirmed_at, quarantined_at and quarantine_reason ' +
            '(sending failed for 3 days: nothing more is sent), purge_at; secret (whsec_…, to verify webhook-signature) only in the answer that created it',
        },
        SubscriberCount: { type: 'object', description: 'type (a mode, or all), state, count' },
        ComponentGroup: {
          type: 'object',
          description: 'A group: id, page_id, name, description, components (member ids in order), position, created_at, updated_at',
        },
        Page: {
          type: 'object',
          description: 'The page object of /api/v2/*.json, with its branding',
          required: ['id', 'name', 'url', 'time_zone', 'updated_at', 'support_url', 'logo_url', 'accent_color'],
          properties: {
            id: { type: 'string' },
            name: { type: 'string' },
            url: { type: 'string', format: 'uri' },
            time_zone: { type: 'string', description: 'IANA name, such as Etc/UTC' },
            updated_at: { type: 'string', format: 'date-time' },
            support_url: { type: ['string', 'null'] },
            logo_url: { type: ['string', 'null'] },
            accent_color: { type: ['string', 'null'], description: '#rrggbb' },
          },
        },
      },
    },
  };
}
