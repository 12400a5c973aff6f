// Sends one claimed delivery in its subscriber's mode: a signed webhook, an email, or a chat message.
import type { Db } from '../db/client.ts';
import { sendChatDelivery } from './chat.ts';
import { sendEmailDelivery } from './email-send.ts';
import { mustBePublic } from './endpoint-guard.ts';
import { bodyFor } from './payloads.ts';
import type { ClaimedDelivery } from './worker.ts';
import { sendWebhook, type SendOutcome } from './webhook.ts';

export async function sendDelivery(db: Db, delivery: ClaimedDelivery, now = new Date()): Promise<SendOutcome> {
  const { subscriber } = delivery;
  switch (subscriber.mode) {
    case 'webhook':
      if (!subscriber.endpoint || !subscriber.secret) return { ok: false, status: null, error: 'the webhook has no endpoint or secret' };
      return sendWebhook({ url: subscriber.endpoint, secret: subscriber.secret, id: delivery.id, body: bodyFor(delivery.notification.payload, subscriber.unsubscribeToken), now, publicOnly: mustBePublic(subscriber) });
    case 'email':
      return sendEmailDelivery(db, delivery, now);
    default:
      return sendChatDelivery(db, delivery, now);
  }
}
