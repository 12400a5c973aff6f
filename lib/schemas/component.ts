import { z } from 'zod';
import { componentStatusSchema } from './status.ts';

export const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be an id');

export const componentStatusUpdateSchema = z.object({
  componentId: idSchema,
  status: componentStatusSchema,
});
export type ComponentStatusUpdateInput = z.infer<typeof componentStatusUpdateSchema>;
