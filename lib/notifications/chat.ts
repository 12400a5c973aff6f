// PLACEHOLDER replaced by the chat-formats work before merging.
import type { Db } from '../db/client.ts';
import type { SendOutcome } from './webhook.ts';
import type { ClaimedDelivery } from './worker.ts';

export async function sendChatDelivery(_db: Db, delivery: ClaimedDelivery, _now: Date): Promise<SendOutcome> {
  return { ok: false, status: null, error: `cannot send to a ${delivery.subscriber.mode} subscriber yet` };
}
