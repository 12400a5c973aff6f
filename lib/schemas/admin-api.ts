// Request bodies of the admin API in the shapes of Statuspage's Manage API (shared/STATUSPAGE_API.md),
// mapped onto lib's own inputs. Form-encoded bodies arrive as strings, so booleans accept "true"/"false".
import { z } from 'zod';
import { idSchema } from './component.ts';
import { componentStatusSchema, impactSchema, incidentStatusSchema, maintenanceStatusSchema, type ComponentStatus, type Impact } from './status.ts';
import type { IncidentCreateInput, IncidentUpdateCreateInput } from './incident.ts';

const flag = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1')]);
const componentStatuses = z.record(idSchema, componentStatusSchema);

/** Statuspage's rule when no impact is given: the worst component status decides. */
export function impactFromComponents(statuses: Record<string, ComponentStatus>): Exclude<Impact, 'maintenance'> {
  const values = Object.values(statuses);
  if (values.includes('major_outage')) return 'critical';
  if (values.includes('partial_outage')) return 'major';
  if (values.includes('degraded_performance')) return 'minor';
  return 'none';
}

export const apiIncidentCreateSchema = z
  .object({
    incident: z.object({
      name: z.string().trim().min(1).max(255),
      status: incidentStatusSchema.default('investigating'),
      impact_override: impactSchema.exclude(['maintenance']).optional(),
      body: z.string().max(20_000).default(''),
      component_ids: z.array(idSchema).max(500).default([]),
      components: componentStatuses.default({}),
      deliver_notifications: flag.default(true),
      /** Backfilling a past incident. */
      started_at: z.coerce.date().optional(),
      metadata: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .transform(({ incident }): IncidentCreateInput => ({
    name: incident.name,
    status: incident.status,
    impact: incident.impact_override ?? impactFromComponents(incident.components),
    body: incident.body,
    components: incident.components,
    componentIds: incident.component_ids,
    deliverNotifications: incident.deliver_notifications,
    startedAt: incident.started_at,
  }));

/** PATCH an incident: a new update with this status (unchanged when left out) and message. */
export const apiIncidentUpdateSchema = z.object({
  incident: z.object({
    status: z.union([incidentStatusSchema, maintenanceStatusSchema]).optional(),
    body: z.string().max(20_000).default(''),
    components: componentStatuses.default({}),
    deliver_notifications: flag.default(true),
  }),
});

export function toIncidentUpdateInput(body: z.infer<typeof apiIncidentUpdateSchema>, currentStatus: string, expectedVersion?: number): IncidentUpdateCreateInput {
  return {
    status: (body.incident.status ?? currentStatus) as IncidentUpdateCreateInput['status'],
    body: body.incident.body,
    components: body.incident.components,
    deliverNotifications: body.incident.deliver_notifications,
    expectedVersion,
  };
}

export const apiComponentUpdateSchema = z.object({
  component: z.object({ status: componentStatusSchema }),
});
