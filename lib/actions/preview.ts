'use server';
// The admin forms' "Preview" of a message to visitors: rendered on the server by the very function
// the public pages use (a client copy of the sanitizer would be a second renderer to keep in step).
import { requirePermission } from '../access/permissions.ts';
import { asAppError } from '../errors.ts';
import { type MessagePreview, previewMessage } from '../markdown.ts';
import { messageBodySchema } from '../schemas/incident.ts';
import { signedInActor } from './admin-action.ts';

/** Anyone who may write to visitors may preview; what cannot be previewed comes back as `error`. */
export async function previewMessageAction(markdown: string): Promise<MessagePreview | { error: string }> {
  try {
    requirePermission((await signedInActor()).actor, 'incidents.write');
    const parsed = messageBodySchema.safeParse(markdown);
    if (!parsed.success) return { error: `The message ${parsed.error.issues[0].message}.` };
    return previewMessage(parsed.data);
  } catch (error) {
    const known = asAppError(error);
    if (known) return { error: known.message };
    throw error;
  }
}
