'use server';
// Visitors' forms on their subscriptions (no sign-in): subscribing from the page, confirming an
// address, choosing components. The verbs and their limits are lib/notifications/public-subscribe.ts.
import { headers } from 'next/headers';
import { formChoice, formList, formText, type FormState } from '../admin-ui/form-state.ts';
import { CLIENT_IP_HEADER } from '../auth/operators.ts';
import { getDb } from '../db/client.ts';
import { changeFollowedComponents, confirmSubscription, subscribeFromPage } from '../notifications/public-subscribe.ts';
import { MODE_LABELS, type SubscriberMode } from '../notifications/subscribers.ts';
import { formAction } from './admin-action.ts';

export interface SubscribeState extends FormState {
  /** A webhook subscribed from the page: its signing secret, shown this once. */
  secret?: string;
}

export const subscribeAction = formAction<SubscribeState>(async (form) => {
  const mode = formChoice<SubscriberMode>(form, 'mode', 'email');
  const address = (await headers()).get(CLIENT_IP_HEADER) ?? 'unknown';
  const outcome = await subscribeFromPage(
    getDb(),
    { mode, ...(mode === 'email' ? { email: formText(form, 'email') } : { endpoint: formText(form, 'endpoint') }), componentIds: formList(form, 'componentIds') },
    address,
  );
  switch (outcome.kind) {
    case 'check_inbox':
      return { notice: `Almost done: we sent a link to ${outcome.email}. Open it within 48 hours to confirm; nothing is sent to you until you do. No email? Check your spam folder.` };
    case 'webhook':
      return { notice: 'Subscribed. Updates will be posted to your webhook, signed with the secret below.', secret: outcome.secret };
    case 'chat':
      return { notice: `Subscribed. A welcome message is on its way to your ${MODE_LABELS[mode]} channel, with a link to change or stop these updates.` };
    case 'endpoint_exists':
      return { notice: `That URL already receives updates. To change or stop them, use the link in any message it received.` };
  }
});

export interface ConfirmState extends FormState {
  confirmed?: boolean;
}

export const confirmAction = formAction<ConfirmState>(async (form) => {
  const outcome = await confirmSubscription(getDb(), formText(form, 'token'));
  if (outcome.kind === 'confirmed') return { confirmed: true, notice: `${outcome.email} is subscribed: the next update will reach it. Every email has a link to change or stop them.` };
  if (outcome.kind === 'expired') return { error: 'This link has expired: confirmation links work for 48 hours. Subscribe again to get a new one.' };
  return { error: 'This link does not work any more: a newer one was sent, or the subscription was removed. Subscribe again to get a new one.' };
});

export const changeComponentsAction = formAction(async (form) => {
  await changeFollowedComponents(getDb(), formText(form, 'token'), formList(form, 'componentIds'));
  // The choice as saved, so the form shows it (React resets a form after its action).
  return { notice: 'Saved. You will get updates about what you chose.', values: { componentIds: formList(form, 'componentIds').join('\n') } };
});
