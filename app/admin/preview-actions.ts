'use server';
// The admin forms' "Preview" of a message to visitors: rendered on the server by the very function
// the public pages use (a client copy of the sanitizer would be a second renderer to keep in step).
import { requirePermission } from '@/lib/admin-ui/require-operator';
import { asAppError } from '@/lib/errors';
import { type MessagePreview, previewMessage } from '@/lib/markdown';
import { messageBodySchema } from '@/lib/schemas/incident';

/** Anyone who may write to visitors may preview; what cannot be previewed comes back as `error`. */
export async function previewMessageAction(markdown: string): Promise<MessagePreview | { error: string }> {
  try {
    await requirePermission('communicate');
    const parsed = messageBodySchema.safeParse(markdown);
    if (!parsed.success) return { error: `The message ${parsed.error.issues[0].message}.` };
    return previewMessage(parsed.data);
  } catch (error) {
    const known = asAppError(error);
    if (known) return { error: known.message };
    throw error;
  }
}
