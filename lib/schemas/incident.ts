import { z } from 'zod';
import { idSchema } from './component.ts';
import { componentStatusSchema, impactSchema, incidentStatusSchema, isClosedIncidentStatus, maintenanceStatusSchema } from './status.ts';

/** A message to visitors, in markdown (lib/markdown.ts renders it). */
export const messageBodySchema = z.string({ error: 'must be text' }).max(20_000, 'must be at most 20,000 characters');

/** Clocks differ a little between an operator's browser, a script's host and the server. */
const CLOCK_SKEW_MS = 60_000;
const notInFuture = (date: Date) => date.getTime() <= Date.now() + CLOCK_SKEW_MS;

/**
 * A new incident, as an operator or a script opens it. Opened as resolved (or postmortem), it is a
 * backfill of a past incident: `components` then holds their status during it, from startedAt until
 * resolvedAt, and today's statuses are left alone.
 */
export const incidentCreateSchema = z
  .object({
  name: z.string().trim().min(1).max(255),
  status: incidentStatusSchema.default('investigating'),
  impact: impactSchema.exclude(['maintenance']).default('none'),
  body: messageBodySchema.default(''),
  /** The new status of each affected component. */
  components: z.record(idSchema, componentStatusSchema).default({}),
  /** Components affected without a change of status. */
  componentIds: z.array(idSchema).max(500).default([]),
  /** For backfilling a past incident; defaults to now. */
  startedAt: z.date({ error: 'enter a valid time' }).refine(notInFuture, 'cannot be in the future').optional(),
  /** When a backfilled incident ended; defaults to now. */
  resolvedAt: z.date({ error: 'enter a valid time' }).refine(notInFuture, 'cannot be in the future').optional(),
  deliverNotifications: z.boolean().default(true),
})
  .superRefine((data, context) => {
    if (!data.resolvedAt) return;
    if (!isClosedIncidentStatus(data.status)) context.addIssue({ code: 'custom', path: ['resolvedAt'], message: 'only a resolved incident has an end' });
    else if (!data.startedAt) context.addIssue({ code: 'custom', path: ['startedAt'], message: 'a past incident needs its start too' });
    else if (data.resolvedAt <= data.startedAt) context.addIssue({ code: 'custom', path: ['resolvedAt'], message: 'must be after the start' });
  });
export type IncidentCreateInput = z.input<typeof incidentCreateSchema>;

/** A new update on an incident or maintenance: its status, its message, components changed with it. */
export const incidentUpdateCreateSchema = z.object({
  /** Unchanged when left out (a note). */
  status: z.union([incidentStatusSchema, maintenanceStatusSchema]).optional(),
  body: messageBodySchema.default(''),
  components: z.record(idSchema, componentStatusSchema).default({}),
  /** The version the writer last saw; a newer one in the database means a stale write (409). */
  expectedVersion: z.number().int().positive().optional(),
  /** For backfilling; defaults to now. */
  displayAt: z.date().optional(),
  deliverNotifications: z.boolean().default(true),
});
export type IncidentUpdateCreateInput = z.input<typeof incidentUpdateCreateSchema>;

/** An operator's own incident template: what it fills into the new-incident form. */
export const incidentTemplateSchema = z.object({
  title: z.string().trim().min(1, 'is required').max(60, 'must be at most 60 characters'),
  name: z.string().trim().min(1, 'is required').max(255),
  status: z.enum(['investigating', 'identified', 'monitoring']).default('investigating'),
  impact: impactSchema.exclude(['maintenance']).default('minor'),
  body: messageBodySchema.default(''),
});
export type IncidentTemplateInput = z.input<typeof incidentTemplateSchema>;

/** Correcting a posted update: its message and the time it is shown at. Only what is given changes. */
export const incidentUpdateEditSchema = z.object({
  body: messageBodySchema.optional(),
  displayAt: z.date({ error: 'enter a valid time' }).refine(notInFuture, 'cannot be in the future').optional(),
  expectedVersion: z.number().int().positive().optional(),
});
export type IncidentUpdateEditInput = z.input<typeof incidentUpdateEditSchema>;

/** A scheduled maintenance window, announced ahead. */
export const maintenanceCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(255),
    body: messageBodySchema.default(''),
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
