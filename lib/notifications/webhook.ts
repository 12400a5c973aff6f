// One webhook POST, signed the Standard Webhooks way (webhook-id, webhook-timestamp,
// webhook-signature) with the standardwebhooks library; sent by post-json.ts.
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { postJson, type SendOutcome } from './post-json.ts';

export { webhookTimeoutMs, type SendOutcome } from './post-json.ts';

const USER_AGENT = 'Gatewatch-Webhook/1';

/** A new signing secret in the Standard Webhooks format: whsec_ and 32 random bytes in base64. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/**
 * POSTs `body` to `url` as delivery `id`, signed with `secret`, and says whether it was delivered.
 * `publicOnly`: the endpoint must be a public internet address (a subscriber from the public form).
 */
export async function sendWebhook(input: { url: string; secret: string; id: string; body: string; now?: Date; timeoutMs?: number; publicOnly?: boolean }): Promise<SendOutcome> {
  const timestamp = input.now ?? new Date();
  const signature = new Webhook(input.secret).sign(input.id, timestamp, input.body);
  return postJson({
    url: input.url,
    body: input.body,
    userAgent: USER_AGENT,
    headers: {
      'webhook-id': input.id,
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': signature,
    },
    timeoutMs: input.timeoutMs,
    publicOnly: input.publicOnly,
  });
}
