import { z } from 'zod';
import { listInWords } from '../words.ts';
import { componentStatusSchema } from './status.ts';

export const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be an id');

export const componentStatusUpdateSchema = z.object({
  componentId: idSchema,
  status: componentStatusSchema,
});
export type ComponentStatusUpdateInput = z.infer<typeof componentStatusUpdateSchema>;

// The fields as clients send them (the admin API reuses these); lib's schemas add the mapping.
export const componentNameSchema = z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters');
/** Empty or null clears it. */
export const descriptionTextSchema = z.string().trim().max(1000, 'must be at most 1000 characters').nullable();
/** A calendar day, YYYY-MM-DD; empty or null clears it. */
export const dayTextSchema = z.union([z.iso.date({ error: 'must be a day, like 2026-01-31' }), z.literal(''), z.null()]);
/** Where among its siblings (0 is first); past the end means last. */
export const positionSchema = z.int().min(0).max(10_000);
export const componentIdsSchema = z.array(idSchema).max(500);

const name = componentNameSchema;
const description = descriptionTextSchema.transform((value) => value || null);
/** Stored as midnight UTC. */
const startDate = dayTextSchema.transform((value) => (value ? new Date(`${value}T00:00:00Z`) : null));
const position = positionSchema;
const componentIds = componentIdsSchema;

export const componentCreateSchema = z.object({
  name,
  description: description.optional(),
  status: componentStatusSchema.default('operational'),
  /** The group it belongs to; none puts it at the top level. */
  groupId: idSchema.nullish(),
  /** Whether the page shows its uptime bar. */
  showcase: z.boolean().default(true),
  onlyShowIfDegraded: z.boolean().default(false),
  /** Whether the page shows a response-time chart from its monitor. */
  showResponseTimes: z.boolean().default(false),
  startDate: startDate.optional(),
  position: position.optional(),
});
export type ComponentCreateInput = z.input<typeof componentCreateSchema>;

/** Only what is given changes; null clears (groupId null moves it to the top level). */
export const componentEditSchema = z.object({
  name: name.optional(),
  description: description.optional(),
  status: componentStatusSchema.optional(),
  groupId: idSchema.nullish(),
  showcase: z.boolean().optional(),
  onlyShowIfDegraded: z.boolean().optional(),
  showResponseTimes: z.boolean().optional(),
  startDate: startDate.optional(),
  position: position.optional(),
});
export type ComponentEditInput = z.input<typeof componentEditSchema>;

/** Component and group fields in words, for the audit log. */
export const COMPONENT_FIELD_LABELS: Record<string, string> = {
  name: 'name',
  description: 'description',
  status: 'status',
  groupId: 'group',
  showcase: 'uptime bar shown',
  onlyShowIfDegraded: 'shown only while not operational',
  showResponseTimes: 'response times shown',
  startDate: 'in-service date',
  position: 'position',
  components: 'members',
};
/** "name, group and position": what an edit changed, for the audit log. */
export const componentFieldsInWords = (fields: string[]) => listInWords(fields.map((field) => COMPONENT_FIELD_LABELS[field] ?? field));

export const groupCreateSchema = z.object({
  name,
  description: description.optional(),
  /** Its members, in order; they leave any other group. */
  componentIds: componentIds.default([]),
  position: position.optional(),
});
export type GroupCreateInput = z.input<typeof groupCreateSchema>;

/**
 * componentIds, when given, is the whole new membership in order; components left out go to the top
 * level. addComponentIds and removeComponentIds change it instead, keeping any other member (one
 * added by someone else meanwhile, say): added ones go last.
 */
export const groupEditSchema = z.object({
  name: name.optional(),
  description: description.optional(),
  componentIds: componentIds.optional(),
  addComponentIds: componentIds.optional(),
  removeComponentIds: componentIds.optional(),
  position: position.optional(),
});
export type GroupEditInput = z.input<typeof groupEditSchema>;
