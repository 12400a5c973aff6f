// Sends one delivery to an email subscriber: the email written for its notification, with the
// subscriber's own links, through SMTP_URL. The Message-ID is the delivery's, so a message sent again
// after a crash is recognisably the same one; an incident's messages are one thread.
import type { Db } from '../db/client.ts';
import { getEnv } from '../env.ts';
import { processGlobal } from '../process-global.ts';
import { renderEmail, type RenderedEmail, type SubscriberLinks } from './email.ts';
import { managePath, oneClickUnsubscribePath, unsubscribePrefix } from './payloads.ts';
import { sendingPage } from './sending-page.ts';
import { sendEmail } from './smtp.ts';
import type { NotificationKind } from './subscribers.ts';
import { webhookTimeoutMs, type SendOutcome } from './webhook.ts';
import type { ClaimedDelivery } from './worker.ts';

/** The thread a notification's email belongs to: its incident's (or maintenance's), or its component's. */
function threadOf(payload: { incident?: { id?: string }; component?: { id?: string } }, host: string): string | undefined {
  if (payload.incident?.id) return `<incident.${payload.incident.id}@${host}>`;
  if (payload.component?.id) return `<component.${payload.component.id}@${host}>`;
  return undefined;
}

const linksFor = (pageUrl: string, token: string): SubscriberLinks => ({ manage: `${pageUrl}${managePath(token)}`, unsubscribe: `${unsubscribePrefix(pageUrl)}${token}` });

/**
 * The kinds every subscriber is sent alike but for the token in its links (the others name their
 * one recipient). Rendered once per notification with TOKEN_SLOT in the links, then each copy gets its
 * token: rendering was most of a fan-out's CPU. Tokens are base64url, so no escaping differs.
 */
const SHARED_KINDS = new Set<NotificationKind>(['incident_update', 'component_update', 'incident_component_update', 'maintenance_reminder']);
const TOKEN_SLOT = 'gatewatchTokenSlot0';
const RENDERS_KEPT = 20;
const renders = processGlobal('email-renders', () => new Map<string, Promise<RenderedEmail>>());

function sharedRender(notificationId: string, render: () => Promise<RenderedEmail>): Promise<RenderedEmail> {
  let rendered = renders.get(notificationId);
  if (!rendered) {
    rendered = render();
    renders.set(notificationId, rendered);
    // A failed render is not kept: the retry renders again.
    rendered.catch(() => renders.delete(notificationId));
    if (renders.size > RENDERS_KEPT) renders.delete(renders.keys().next().value!);
  }
  return rendered;
}

export async function sendEmailDelivery(db: Db, delivery: ClaimedDelivery, _now: Date): Promise<SendOutcome> {
  const { subscriber, notification } = delivery;
  const { SMTP_URL, SMTP_FROM } = getEnv();
  if (!SMTP_URL) return { ok: false, status: null, error: 'SMTP_URL is not set, so there is no mail server to send through' };
  if (!subscriber.email) return { ok: false, status: null, error: 'the subscriber has no email address' };
  const page = await sendingPage(db);
  const host = new URL(page.url).hostname;
  const token = subscriber.unsubscribeToken;
  // A confirmation goes to an address not subscribed yet: nothing to manage or leave.
  const subscribed = notification.kind !== 'confirmation';
  let payload: Parameters<typeof threadOf>[0];
  let email: RenderedEmail;
  try {
    payload = JSON.parse(notification.payload);
    const kind = notification.kind as NotificationKind;
    if (!SHARED_KINDS.has(kind)) {
      const links: SubscriberLinks | null = subscribed ? linksFor(page.url, token) : null;
      email = await renderEmail({ kind, payload, page, recipient: subscriber.email, links });
    } else {
      const shared = await sharedRender(delivery.notification.id, () => renderEmail({ kind, payload, page, recipient: subscriber.email!, links: linksFor(page.url, TOKEN_SLOT) }));
      email = { subject: shared.subject, text: shared.text.replaceAll(TOKEN_SLOT, token), html: shared.html.replaceAll(TOKEN_SLOT, token) };
    }
  } catch (error) {
    // Told in the delivery log, and retried like a failed send, rather than thrown back at the worker.
    return { ok: false, status: null, error: `the email could not be written: ${error instanceof Error ? error.message : String(error)}` };
  }
  return sendEmail(
    SMTP_URL,
    {
      from: SMTP_FROM ?? { name: page.name, address: `status@${host}` },
      to: subscriber.email,
      ...email,
      messageId: `<${delivery.id}@${host}>`,
      thread: threadOf(payload, host),
      list: subscribed ? { oneClickUnsubscribe: `${page.url}${oneClickUnsubscribePath(token)}`, id: host, name: page.name } : undefined,
    },
    webhookTimeoutMs(),
  );
}
