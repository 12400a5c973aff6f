import { z } from 'zod';
import { messageBodySchema } from './incident.ts';

/** The longest a deploy window may be asked for: a day; longer work is a scheduled maintenance. */
export const DEPLOY_MAX_MINUTES = 1440;

/** A deploy window as a deploy script opens it: components by id or by name, for so many minutes. */
export const deployStartSchema = z.object({
  name: z.string({ error: 'is required, like "Deploy v1.4"' }).trim().min(1, 'is required, like "Deploy v1.4"').max(255),
  /** Component or group ids or names ("api", "Public API", "public-api"); a group means its components. */
  components: z
    .array(z.string().trim().min(1, 'must not be empty').max(255), { error: 'must name at least one component' })
    .min(1, 'must name at least one component')
    .max(500),
  // A number, or its digits as a form or the command line sends them.
  minutes: z
    .union([z.number(), z.string()], { error: (issue) => (issue.input === undefined ? 'is required: how many minutes the deploy may take' : 'must be a whole number of minutes') })
    .pipe(
      z.coerce
        .number<string | number>({ error: 'must be a whole number of minutes' })
        .int('must be a whole number of minutes')
        .min(1, 'must be at least 1')
        .max(DEPLOY_MAX_MINUTES, `must be at most ${DEPLOY_MAX_MINUTES} (a day)`),
    ),
  /** What visitors read; a sentence naming the deploy and its end when not given. */
  message: messageBodySchema.trim().optional(),
  /** Deploys are planned and short: subscribers hear of them only when asked. */
  deliverNotifications: z.boolean().default(false),
});
export type DeployStartInput = z.input<typeof deployStartSchema>;

export const deployFinishSchema = z.object({
  /** Which deploy; the only one in progress when not given. */
  id: z.string().trim().min(1).max(64).optional(),
  message: messageBodySchema.trim().optional(),
});
export type DeployFinishInput = z.input<typeof deployFinishSchema>;
