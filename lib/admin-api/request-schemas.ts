// Request bodies of the admin API in the shapes of Statuspage's Manage API (shared/STATUSPAGE_API.md),
// mapped onto lib's own inputs. Form-encoded bodies arrive as strings, so booleans accept "true"/"false".
import { z } from 'zod';
import {
  componentIdsSchema,
  componentNameSchema,
  dayTextSchema,
  descriptionTextSchema,
  idSchema,
  positionSchema,
  type ComponentEditInput,
  type GroupEditInput,
} from '../schemas/component.ts';
import { impactOfComponents } from '../status/rollup.ts';
import { componentStatusSchema, impactSchema, incidentStatusSchema, isClosedIncidentStatus, maintenanceStatusSchema } from '../schemas/status.ts';
import type { IncidentCreateInput, MaintenanceCreateInput } from '../schemas/incident.ts';
import type { DeployFinishInput, DeployStartInput } from '../schemas/deploy.ts';
import { AppError } from '../errors.ts';
import { CANCELLED_MESSAGE, DEFAULT_MESSAGES } from '../incidents/default-messages.ts';
import type { IncidentPatch } from '../incidents/patch-incident.ts';
import { withIssuePaths } from '../schemas/issue-messages.ts';
import { pageSettingsSchema, type PageSettingsInput } from '../schemas/page.ts';
import type { MonitorEditInput } from '../monitors/manage-monitors.ts';
import { MONITOR_KINDS, type MonitorCreateInput } from '../monitors/settings.ts';

export const flag = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1')]);
/** An ISO 8601 time; null (as Statuspage clients send for "none") means not given. */
const timestamp = z
  .iso.datetime({ offset: true, error: 'must be an ISO 8601 time, like 2026-11-24T23:05:00Z' })
  .transform((value) => new Date(value))
  .nullish()
  .transform((value) => value ?? undefined);
const componentStatuses = z.record(idSchema, componentStatusSchema);

export const apiIncidentCreateSchema = z
  .object({
    incident: z
      .object({
        name: z.string().trim().min(1).max(255),
        /** `scheduled` announces a maintenance window (with scheduled_for and scheduled_until). */
        status: z.union([incidentStatusSchema, z.literal('scheduled')]).default('investigating'),
        impact_override: impactSchema.exclude(['maintenance']).optional(),
        body: z.string().max(20_000).default(''),
        component_ids: z.array(idSchema).max(500).default([]),
        components: componentStatuses.default({}),
        deliver_notifications: flag.default(true),
        /** Backfilling a past incident: with status resolved, components hold their status during it. */
        started_at: timestamp,
        /** When a backfilled (resolved) incident ended; defaults to now. */
        resolved_at: timestamp,
        scheduled_for: timestamp,
        scheduled_until: timestamp,
        scheduled_auto_in_progress: flag.default(true),
        scheduled_auto_completed: flag.default(true),
        metadata: z.record(z.string(), z.unknown()).optional(),
      })
      .superRefine((incident, context) => {
        // Checked here too (lib checks again) so the error names the field as the client sent it.
        if (incident.resolved_at && !isClosedIncidentStatus(incident.status)) context.addIssue({ code: 'custom', path: ['resolved_at'], message: 'can only be given for a resolved incident' });
        else if (incident.resolved_at && !incident.started_at) context.addIssue({ code: 'custom', path: ['started_at'], message: 'is required with resolved_at' });
        else if (incident.resolved_at && incident.started_at && incident.resolved_at <= incident.started_at) context.addIssue({ code: 'custom', path: ['resolved_at'], message: 'must be after started_at' });
        if (incident.status !== 'scheduled') return;
        for (const field of ['scheduled_for', 'scheduled_until'] as const) {
          if (!incident[field]) context.addIssue({ code: 'custom', path: [field], message: 'is required for a scheduled maintenance' });
        }
      }),
  })
  .transform(({ incident }): { kind: 'incident'; input: IncidentCreateInput } | { kind: 'maintenance'; input: MaintenanceCreateInput } =>
    incident.status === 'scheduled'
      ? {
          kind: 'maintenance',
          input: {
            name: incident.name,
            body: incident.body.trim() || DEFAULT_MESSAGES.scheduled,
            scheduledFor: incident.scheduled_for!,
            scheduledUntil: incident.scheduled_until!,
            componentIds: [...incident.component_ids, ...Object.keys(incident.components)],
            autoInProgress: incident.scheduled_auto_in_progress,
            autoCompleted: incident.scheduled_auto_completed,
            deliverNotifications: incident.deliver_notifications,
          },
        }
      : {
          kind: 'incident',
          input: {
            name: incident.name,
            status: incident.status,
            impact: incident.impact_override ?? impactOfComponents(Object.values(incident.components)),
            // Statuspage's clients may open one with a name alone: it says what its status means.
            body: incident.body.trim() || DEFAULT_MESSAGES[incident.status],
            components: incident.components,
            componentIds: incident.component_ids,
            deliverNotifications: incident.deliver_notifications,
            startedAt: incident.started_at,
            resolvedAt: incident.resolved_at,
          },
        },
  );

/**
 * PATCH an incident, as Statuspage's Manage API: `name`, `impact_override` and a maintenance's window
 * are edited; a status or a message posts an update (a status alone gets Statuspage's standard
 * message for it). `cancelled` calls a maintenance off.
 */
export const apiIncidentPatchSchema = z.object({
  incident: z.object({
    name: z.string().trim().min(1).max(255).optional(),
    impact_override: impactSchema.exclude(['maintenance']).optional(),
    scheduled_for: timestamp,
    scheduled_until: timestamp,
    status: z.union([incidentStatusSchema, maintenanceStatusSchema, z.literal('cancelled')]).optional(),
    body: z.string().max(20_000).optional(),
    components: componentStatuses.default({}),
    deliver_notifications: flag.default(true),
  }),
});

export function toIncidentPatch({ incident }: z.infer<typeof apiIncidentPatchSchema>, expectedVersion?: number): IncidentPatch {
  const fields = { name: incident.name, impact: incident.impact_override, scheduledFor: incident.scheduled_for, scheduledUntil: incident.scheduled_until };
  const edit = Object.values(fields).some((value) => value !== undefined) ? fields : undefined;
  const message = incident.body?.trim();
  const posting = incident.status !== undefined || message !== undefined || Object.keys(incident.components).length > 0;
  if (posting && !message && !incident.status) {
    throw new AppError('empty_update', 'An update needs a message: give incident.body (or a status, which has a standard message).', [{ path: 'incident.body' }]);
  }
  const cancel = incident.status === 'cancelled';
  const status = incident.status === 'cancelled' ? 'completed' : incident.status;
  const update = posting
    ? {
        status,
        body: message || (cancel ? CANCELLED_MESSAGE : DEFAULT_MESSAGES[status!]),
        components: incident.components,
        deliverNotifications: incident.deliver_notifications,
      }
    : undefined;
  return { edit, update, cancel, expectedVersion };
}

/** Correcting a posted update's message or the time it shows. */
export const apiIncidentUpdateEditSchema = z
  .object({ incident_update: z.object({ body: z.string().max(20_000), display_at: timestamp }).partial() })
  .transform(({ incident_update }) => ({ body: incident_update.body, displayAt: incident_update.display_at }));

/** A whole number, also as form bodies send it ("3"). */
const wholeNumber = z.union([positionSchema, z.string().regex(/^\d{1,5}$/, 'must be a whole number').transform(Number).pipe(positionSchema)]);
/** Omitted, null or "" (as forms send it): the top level. */
const groupRef = z.union([idSchema, z.literal(''), z.null()]).transform((value) => value || null);

const apiComponentFields = z
  .object({
    name: componentNameSchema,
    description: descriptionTextSchema,
    status: componentStatusSchema,
    group_id: groupRef,
    showcase: flag,
    only_show_if_degraded: flag,
    /** Ours (not Statuspage's): a response-time chart from its monitor on the page. */
    show_response_times: flag,
    start_date: dayTextSchema,
    position: wholeNumber,
  })
  .partial();

function toComponentInput(component: z.infer<typeof apiComponentFields>): ComponentEditInput {
  const input: ComponentEditInput = {
    name: component.name,
    description: component.description,
    status: component.status,
    groupId: component.group_id,
    showcase: component.showcase,
    onlyShowIfDegraded: component.only_show_if_degraded,
    showResponseTimes: component.show_response_times,
    startDate: component.start_date,
    position: component.position,
  };
  // Left out means unchanged: keep undefined keys out, so only what was sent is applied.
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
}

export const apiComponentCreateSchema = z
  .object({ component: apiComponentFields.required({ name: true }) })
  .transform(({ component }) => ({ ...toComponentInput(component), name: component.name }));

/** A status alone needs the `components` scope; anything else changes the page's structure. */
export const apiComponentUpdateSchema = z.object({ component: apiComponentFields }).transform(({ component }) => toComponentInput(component));

// Statuspage sends a group's description beside component_group, not in it; both are accepted.
const apiGroupFields = z
  .object({ name: componentNameSchema, description: descriptionTextSchema, components: componentIdsSchema, position: wholeNumber })
  .partial();
const toGroupInput = (group: z.infer<typeof apiGroupFields>, description: string | null | undefined): GroupEditInput =>
  Object.fromEntries(
    Object.entries({ name: group.name, description: group.description !== undefined ? group.description : description, componentIds: group.components, position: group.position }).filter(
      ([, value]) => value !== undefined,
    ),
  );

export const apiGroupCreateSchema = z
  .object({ component_group: apiGroupFields.required({ name: true }), description: descriptionTextSchema.optional() })
  .transform(({ component_group, description }) => ({ ...toGroupInput(component_group, description), name: component_group.name }));

export const apiGroupUpdateSchema = z
  .object({ component_group: apiGroupFields, description: descriptionTextSchema.optional() })
  .transform(({ component_group, description }) => toGroupInput(component_group, description));

/** PATCH the page: Statuspage's field names; fields left out stay as they are, "" or null clears one. */
export const apiPageUpdateSchema = z
  .object({
    page: z.object({
      name: pageSettingsSchema.shape.name.optional(),
      url: pageSettingsSchema.shape.url.optional(),
      time_zone: pageSettingsSchema.shape.timeZone.optional(),
      support_url: pageSettingsSchema.shape.supportUrl.optional(),
      logo_url: pageSettingsSchema.shape.logoUrl.optional(),
      accent_color: pageSettingsSchema.shape.accentColor.optional(),
    }),
  })
  .transform(({ page }): PageSettingsInput => ({
    name: page.name,
    url: page.url,
    timeZone: page.time_zone,
    supportUrl: page.support_url,
    logoUrl: page.logo_url,
    accentColor: page.accent_color,
  }));

/** A whole number, also as form-encoded text ("60"). */
export const count = z.union([z.int(), z.string().regex(/^\d{1,9}$/, 'must be a whole number').transform(Number)]);

// A monitor as API clients send it: one flat object, the type's own fields beside the common ones.
// Types only here; lib/monitors/settings.ts checks ranges and how the fields fit together, and
// monitorFieldPath names the fields of its errors as sent.
const API_MONITOR_SETTINGS = {
  url: 'url',
  method: 'method',
  headers: 'headers',
  body: 'body',
  expected_status: 'expectedStatus',
  keyword: 'keyword',
  keyword_absent: 'keywordAbsent',
  json_path: 'jsonPath',
  json_value: 'jsonValue',
  follow_redirects: 'followRedirects',
  ignore_tls_errors: 'ignoreTlsErrors',
  slow_ms: 'slowMs',
  cert_expiry_days: 'certExpiryDays',
  host: 'host',
  port: 'port',
  labels: 'labels',
} as const;
const API_MONITOR_FIELDS = {
  name: 'name',
  component_id: 'componentId',
  type: 'kind',
  interval_seconds: 'intervalSeconds',
  timeout_seconds: 'timeoutSeconds',
  failures_before_down: 'failuresBeforeDown',
  successes_before_up: 'successesBeforeUp',
  down_status: 'downStatus',
  paused: 'paused',
  incident_mode: 'incidentMode',
  incident_template_id: 'incidentTemplateId',
  incident_quiet_minutes: 'incidentQuietMinutes',
} as const;

const apiMonitorFields = z.strictObject({
  name: z.string().optional(),
  component_id: idSchema.optional(),
  type: z.enum(MONITOR_KINDS).optional(),
  url: z.string().optional(),
  method: z.string().transform((method) => method.toUpperCase()).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().nullable().optional(),
  expected_status: z.string().optional(),
  keyword: z.string().nullable().optional(),
  keyword_absent: flag.optional(),
  json_path: z.string().nullable().optional(),
  json_value: z.string().nullable().optional(),
  follow_redirects: flag.optional(),
  ignore_tls_errors: flag.optional(),
  slow_ms: count.nullable().optional(),
  cert_expiry_days: count.nullable().optional(),
  host: z.string().optional(),
  port: count.optional(),
  /** An alert monitor's: the labels (name → value) an alert must all carry to count for it. */
  labels: z.record(z.string(), z.string()).optional(),
  interval_seconds: count.optional(),
  timeout_seconds: count.optional(),
  failures_before_down: count.optional(),
  successes_before_up: count.optional(),
  down_status: z.string().optional(),
  paused: flag.optional(),
  incident_mode: z.string().optional(),
  incident_template_id: z.string().nullable().optional(),
  incident_quiet_minutes: count.optional(),
});
type ApiMonitorFields = z.output<typeof apiMonitorFields>;

function toMonitorInput(monitor: ApiMonitorFields) {
  const pick = (names: Record<string, string>) =>
    Object.fromEntries(Object.entries(names).flatMap(([api, lib]) => (monitor[api as keyof ApiMonitorFields] === undefined ? [] : [[lib, monitor[api as keyof ApiMonitorFields]]])));
  return { ...pick(API_MONITOR_FIELDS), settings: pick(API_MONITOR_SETTINGS) } as MonitorEditInput;
}

export const apiMonitorCreateSchema = z
  .object({
    monitor: apiMonitorFields.extend({ name: z.string(), component_id: idSchema, type: z.enum(MONITOR_KINDS) }),
  })
  .transform(({ monitor }) => toMonitorInput(monitor) as MonitorCreateInput);

export const apiMonitorUpdateSchema = z.object({ monitor: apiMonitorFields }).transform(({ monitor }) => toMonitorInput(monitor));

/** A path in lib's monitor (settings.expectedStatus) as the API client sent it (monitor.expected_status). */
export function monitorFieldPath(path: PropertyKey[]): PropertyKey[] {
  // The API's own schema names them already.
  if (path[0] === 'monitor') return path;
  const names: Record<string, string> = Object.fromEntries(Object.entries({ ...API_MONITOR_FIELDS, ...API_MONITOR_SETTINGS }).map(([api, lib]) => [lib, api]));
  const [first, second, ...rest] = path;
  const field = first === 'settings' && second !== undefined ? second : first;
  const after = first === 'settings' ? rest : [second, ...rest].filter((part) => part !== undefined);
  return ['monitor', names[String(field)] ?? field, ...after];
}

/** Runs a monitor verb, naming the fields of its validation errors as the API client sent them. */
export const withMonitorFieldNames = <T>(work: () => Promise<T>) => withIssuePaths(work, monitorFieldPath);

/** `?limit=` of a monitor's checks: 1 to 1000, 100 when not given. */
export const checkLimitSchema = z.union([z.undefined(), count.pipe(z.int().min(1).max(1000))]).transform((value) => value ?? 100);

/**
 * POST /deploys: `{"deploy": {"name", "components", "minutes", "message", "deliver_notifications"}}`;
 * components as a list or as "api,website", the way the command line takes them. lib checks the fields.
 */
export const apiDeployStartSchema = z
  .object({
    deploy: z.object({
      name: z.unknown().optional(),
      components: z.union([z.string().transform((list) => list.split(',')), z.array(z.unknown())]).optional(),
      minutes: z.unknown().optional(),
      message: z.unknown().optional(),
      deliver_notifications: flag.default(false),
    }),
  })
  .transform(({ deploy }) => ({ ...deploy, deliverNotifications: deploy.deliver_notifications }) as DeployStartInput);

/** POST /deploys/finish: `{"deploy": {"id", "message"}}`, or no body for the only deploy in progress. */
export const apiDeployFinishSchema = z
  .object({ deploy: z.object({ id: z.unknown().optional(), message: z.unknown().optional() }).default({}) })
  .transform(({ deploy }) => deploy as DeployFinishInput);

/** Runs a deploy verb, naming the fields of its validation errors as the API client sent them. */
export const withDeployFieldNames = <T>(work: () => Promise<T>) =>
  // The API's own schema names them already.
  withIssuePaths(work, (path) => (path[0] === 'deploy' ? path : ['deploy', ...path.map((part) => (part === 'deliverNotifications' ? 'deliver_notifications' : part))]));
