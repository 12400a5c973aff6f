import { z } from 'zod';

/**
 * What a key may do; `admin` includes everything. `alerts` is for Alertmanager's or Grafana's webhook,
 * `deploys` for a deploy pipeline (it opens and finishes deploy windows, nothing else).
 */
export const API_KEY_SCOPES = ['read', 'incidents', 'components', 'deploys', 'alerts', 'admin'] as const;
export const apiKeyScopeSchema = z.enum(API_KEY_SCOPES);
export type ApiKeyScope = z.infer<typeof apiKeyScopeSchema>;

export const apiKeyCreateSchema = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(apiKeyScopeSchema).min(1, 'give the key at least one scope').transform((scopes) => [...new Set(scopes)]),
});
export type ApiKeyCreateInput = z.input<typeof apiKeyCreateSchema>;
