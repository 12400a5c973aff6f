import { z } from 'zod';
import { idSchema } from './component.ts';
import { componentStatusSchema, impactSchema, incidentStatusSchema } from './status.ts';

/** A new incident, as an operator or a script opens it. */
export const incidentCreateSchema = z.object({
  name: z.string().trim().min(1).max(255),
  status: incidentStatusSchema.default('investigating'),
  impact: impactSchema.exclude(['maintenance']).default('none'),
  body: z.string().max(20_000).default(''),
  /** The new status of each affected component. */
  components: z.record(idSchema, componentStatusSchema).default({}),
  /** For backfilling a past incident; defaults to now. */
  startedAt: z.coerce.date().optional(),
  deliverNotifications: z.boolean().default(true),
});
export type IncidentCreateInput = z.input<typeof incidentCreateSchema>;
