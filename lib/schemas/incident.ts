import { z } from 'zod';
import { idSchema } from './component.ts';
import { componentStatusSchema, impactSchema, incidentStatusSchema, isClosedIncidentStatus, maintenanceStatusSchema } from './status.ts';

/** A message to visitors, in markdown (lib/markdown.ts renders it). */
export const messageBodySchema = z.string({ error: 'must be text' }).max(20_000, 'must be at most 20,000 characters');

/** Clocks differ a little between an operator's browser, a script's host and the server. */
const CLOCK_SKEW_MS = 60_000;
const notInFuture = (date: Date) => date.getTime() <= Date.now() + CLOCK_SKEW_MS;

/** What visitors read: every incident and update says something. */
const messageSchema = messageBodySchema.trim().min(1, 'is required: tell visitors what they see and what you are doing');
const timeSchema = z.date({ error: 'must be a valid time' });

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
  body: messageSchema,
  /** The new status of each affected component. */
  components: z.record(idSchema, componentStatusSchema).default({}),
  /** Components affected without a change of status. */
  componentIds: z.array(idSchema).max(500).default([]),
  /** For backfilling a past incident; defaults to now. */
  startedAt: timeSchema.refine(notInFuture, 'cannot be in the future').optional(),
  /** When a backfilled incident ended; defaults to now. */
  resolvedAt: timeSchema.refine(notInFuture, 'cannot be in the future').optional(),
  deliverNotifications: z.boolean().default(true),
})
  .superRefine((data, context) => {
    if (!data.resolvedAt) return;
    if (!isClosedIncidentStatus(data.status)) context.addIssue({ code: 'custom', path: ['resolvedAt'], message: 'can only be given for a resolved incident' });
    else if (!data.startedAt) context.addIssue({ code: 'custom', path: ['startedAt'], message: 'is needed for a past incident' });
    else if (data.resolvedAt <= data.startedAt) context.addIssue({ code: 'custom', path: ['resolvedAt'], message: 'must be after the start' });
  });
export type IncidentCreateInput = z.input<typeof incidentCreateSchema>;
export type IncidentCreateData = z.output<typeof incidentCreateSchema>;

/** A new update on an incident or maintenance: its status, its message, components changed with it. */
export const incidentUpdateCreateSchema = z.object({
  /** Unchanged when left out (a note). */
  status: z.union([incidentStatusSchema, maintenanceStatusSchema]).optional(),
  body: messageSchema,
  components: z.record(idSchema, componentStatusSchema).default({}),
  /**
   * Affected components this update leaves as they are. Resolving an incident (or ending a
   * maintenance) otherwise brings back those it does not name: see statuses-after-close.ts.
   */
  keepComponentIds: z.array(idSchema).max(500).default([]),
  /** The version the writer last saw; a newer one in the database means a stale write (409). */
  expectedVersion: z.number().int().positive().optional(),
  /** For backfilling; defaults to now. */
  displayAt: z.date().optional(),
  deliverNotifications: z.boolean().default(true),
});
export type IncidentUpdateCreateInput = z.input<typeof incidentUpdateCreateSchema>;
export type IncidentUpdateCreateData = z.output<typeof incidentUpdateCreateSchema>;

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
  body: messageSchema.optional(),
  displayAt: timeSchema.refine(notInFuture, 'cannot be in the future').optional(),
  expectedVersion: z.number().int().positive().optional(),
});
export type IncidentUpdateEditInput = z.input<typeof incidentUpdateEditSchema>;

/** A window that has already ended cannot be announced (nor moved there): it would never run. */
const windowEndsAhead = (data: { scheduledUntil?: Date }) => !data.scheduledUntil || data.scheduledUntil.getTime() > Date.now();
const WINDOW_IN_PAST = { message: 'is already past: a maintenance window must end in the future', path: ['scheduledUntil'] };

/** A scheduled maintenance window, announced ahead. */
export const maintenanceCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(255),
    body: messageSchema,
    scheduledFor: timeSchema,
    scheduledUntil: timeSchema,
    componentIds: z.array(idSchema).max(500).default([]),
    /** Starts on its own at scheduledFor (components go under maintenance). */
    autoInProgress: z.boolean().default(true),
    /** Completes on its own at scheduledUntil (components go back to operational). */
    autoCompleted: z.boolean().default(true),
    deliverNotifications: z.boolean().default(true),
  })
  .refine((data) => data.scheduledUntil > data.scheduledFor, { message: 'must be after the start', path: ['scheduledUntil'] })
  .refine(windowEndsAhead, WINDOW_IN_PAST);
export type MaintenanceCreateInput = z.input<typeof maintenanceCreateSchema>;

/**
 * Correcting an incident or maintenance itself, not posting an update: its title, its impact (an
 * incident's), its window (a maintenance's). Only what is given changes.
 */
export const incidentEditSchema = z
  .object({
    name: z.string().trim().min(1).max(255).optional(),
    impact: impactSchema.exclude(['maintenance']).optional(),
    scheduledFor: timeSchema.optional(),
    scheduledUntil: timeSchema.optional(),
    expectedVersion: z.number().int().positive().optional(),
  })
  .refine(windowEndsAhead, WINDOW_IN_PAST);
export type IncidentEditInput = z.input<typeof incidentEditSchema>;
export type IncidentEditData = z.output<typeof incidentEditSchema>;

/** Calling a maintenance off, with what visitors are told. */
export const maintenanceCancelSchema = z.object({
  body: messageSchema.optional(),
  expectedVersion: z.number().int().positive().optional(),
  deliverNotifications: z.boolean().default(true),
});
export type MaintenanceCancelInput = z.input<typeof maintenanceCancelSchema>;
