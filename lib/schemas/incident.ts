import { z } from 'zod';
import { idSchema } from './component.ts';
import { componentStatusSchema, impactSchema, incidentStatusSchema, maintenanceStatusSchema } from './status.ts';

/** A new incident, as an operator or a script opens it. */
export const incidentCreateSchema = z.object({
  name: z.string().trim().min(1).max(255),
  status: incidentStatusSchema.default('investigating'),
  impact: impactSchema.exclude(['maintenance']).default('none'),
  body: z.string().max(20_000).default(''),
  /** The new status of each affected component. */
  components: z.record(idSchema, componentStatusSchema).default({}),
  /** Components affected without a change of status. */
  componentIds: z.array(idSchema).max(500).default([]),
  /** For backfilling a past incident; defaults to now. */
  startedAt: z.date().optional(),
  deliverNotifications: z.boolean().default(true),
});
export type IncidentCreateInput = z.input<typeof incidentCreateSchema>;

/** A new update on an incident or maintenance: its status, its message, components changed with it. */
export const incidentUpdateCreateSchema = z.object({
  /** Unchanged when left out (a note). */
  status: z.union([incidentStatusSchema, maintenanceStatusSchema]).optional(),
  body: z.string().max(20_000).default(''),
  components: z.record(idSchema, componentStatusSchema).default({}),
  /** The version the writer last saw; a newer one in the database means a stale write (409). */
  expectedVersion: z.number().int().positive().optional(),
  /** For backfilling; defaults to now. */
  displayAt: z.date().optional(),
  deliverNotifications: z.boolean().default(true),
});
export type IncidentUpdateCreateInput = z.input<typeof incidentUpdateCreateSchema>;

/** A scheduled maintenance window, announced ahead. */
export const maintenanceCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(255),
    body: z.string().max(20_000).default(''),
    scheduledFor: z.date({ error: 'enter a valid start' }),
    scheduledUntil: z.date({ error: 'enter a valid end' }),
    componentIds: z.array(idSchema).max(500).default([]),
    /** Starts on its own at scheduledFor (components go under maintenance). */
    autoInProgress: z.boolean().default(true),
    /** Completes on its own at scheduledUntil (components go back to operational). */
    autoCompleted: z.boolean().default(true),
    deliverNotifications: z.boolean().default(true),
  })
  .refine((data) => data.scheduledUntil > data.scheduledFor, { message: 'must be after the start', path: ['scheduledUntil'] });
export type MaintenanceCreateInput = z.input<typeof maintenanceCreateSchema>;
