// Request bodies of the admin API in the shapes of Statuspage's Manage API (shared/STATUSPAGE_API.md),
// mapped onto lib's own inputs. Form-encoded bodies arrive as strings, so booleans accept "true"/"false".
import { z } from 'zod';
import { idSchema } from './component.ts';
import { impactOfComponents } from '../status/rollup.ts';
import { componentStatusSchema, impactSchema, incidentStatusSchema, maintenanceStatusSchema } from './status.ts';
import type { IncidentCreateInput, IncidentUpdateCreateInput, MaintenanceCreateInput } from './incident.ts';
import { pageSettingsSchema, type PageSettingsInput } from './page.ts';

const flag = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1')]);
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
        /** Backfilling a past incident. */
        started_at: timestamp,
        scheduled_for: timestamp,
        scheduled_until: timestamp,
        scheduled_auto_in_progress: flag.default(true),
        scheduled_auto_completed: flag.default(true),
        metadata: z.record(z.string(), z.unknown()).optional(),
      })
      .superRefine((incident, context) => {
        if (incident.status !== 'scheduled') return;
        for (const field of ['scheduled_for', 'scheduled_until'] as const) {
          if (!incident[field]) context.addIssue({ code: 'custom', path: [field], message: 'required for a scheduled maintenance' });
        }
      }),
  })
  .transform(({ incident }): { kind: 'incident'; input: IncidentCreateInput } | { kind: 'maintenance'; input: MaintenanceCreateInput } =>
    incident.status === 'scheduled'
      ? {
          kind: 'maintenance',
          input: {
            name: incident.name,
            body: incident.body,
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
            body: incident.body,
            components: incident.components,
            componentIds: incident.component_ids,
            deliverNotifications: incident.deliver_notifications,
            startedAt: incident.started_at,
          },
        },
  );

/** PATCH an incident: a new update with this status (unchanged when left out) and message. */
export const apiIncidentUpdateSchema = z.object({
  incident: z.object({
    status: z.union([incidentStatusSchema, maintenanceStatusSchema]).optional(),
    body: z.string().max(20_000).default(''),
    components: componentStatuses.default({}),
    deliver_notifications: flag.default(true),
  }),
});

export function toIncidentUpdateInput(body: z.infer<typeof apiIncidentUpdateSchema>, expectedVersion?: number): IncidentUpdateCreateInput {
  return {
    status: body.incident.status,
    body: body.incident.body,
    components: body.incident.components,
    deliverNotifications: body.incident.deliver_notifications,
    expectedVersion,
  };
}

export const apiComponentUpdateSchema = z.object({
  component: z.object({ status: componentStatusSchema }),
});

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
