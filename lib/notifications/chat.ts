// Sends one delivery to a Slack, Discord or Teams channel: the notification as that service's message
// (chat-message.ts, chat-formats.ts), POSTed to the channel's incoming-webhook URL.
import type { IncomingHttpHeaders } from 'node:http';
import type { Db } from '../db/client.ts';
import { chatMessage, type ChatMessage } from './chat-message.ts';
import { discordMessage, slackMessage, teamsMessage } from './chat-formats.ts';
import { mustBePublic } from './endpoint-guard.ts';
import { unsubscribePrefix } from './payloads.ts';
import { postJson, type SendOutcome } from './post-json.ts';
import { sendingPage } from './sending-page.ts';
import type { ClaimedDelivery } from './worker.ts';

const USER_AGENT = 'Gatewatch-Notifications/1';

interface ChatService {
  name: string;
  format: (message: ChatMessage) => object;
  /** What a 404 or 410 from its webhook URL means. */
  removed: string;
}

const SERVICES: Record<string, ChatService> = {
  slack: { name: 'Slack', format: slackMessage, removed: 'the webhook was removed in Slack (or its channel was archived or deleted)' },
  discord: { name: 'Discord', format: discordMessage, removed: 'the webhook was removed in Discord' },
  teams: { name: 'Teams', format: teamsMessage, removed: 'the webhook was removed in Teams (its workflow was deleted or turned off)' },
};

/** Words for the answers chat services give a meaning: a rate limit (retried later), a webhook deleted. */
function explainAnswer(service: ChatService) {
  return (status: number, headers: IncomingHttpHeaders): string | undefined => {
    if (status === 429) {
      const wait = Number(headers['retry-after']);
      return `HTTP 429: ${service.name} is rate limiting this webhook${wait > 0 ? ` (it asked to wait ${Math.ceil(wait)} s)` : ''}; it is sent again later`;
    }
    if (status === 404 || status === 410) return `HTTP ${status}: ${service.removed}; subscribe the channel again with its new webhook URL`;
    return undefined;
  };
}

/**
 * Posts a delivery's notification to its channel as that service's message: delivered on a 2xx,
 * otherwise retried by the worker with the reason in words. A channel from the public page is posted
 * to only on a public internet address (endpoint-guard.ts).
 */
export async function sendChatDelivery(db: Db, delivery: ClaimedDelivery, _now: Date): Promise<SendOutcome> {
  const { subscriber, notification } = delivery;
  const service = SERVICES[subscriber.mode];
  if (!service) return { ok: false, status: null, error: `${subscriber.mode} is not a chat service Gatewatch posts to` };
  if (!subscriber.endpoint) return { ok: false, status: null, error: `the ${service.name} channel has no endpoint: its webhook URL` };
  const page = await sendingPage(db);
  const message = chatMessage(notification.kind, JSON.parse(notification.payload), page, `${unsubscribePrefix(page.url)}${subscriber.unsubscribeToken}`);
  if (!message) return { ok: false, status: null, error: `a ${service.name} channel is not sent ${notification.kind} messages` };
  return postJson({
    url: subscriber.endpoint,
    body: JSON.stringify(service.format(message)),
    userAgent: USER_AGENT,
    publicOnly: mustBePublic(subscriber),
    explain: explainAnswer(service),
  });
}
