'use server';
// Subscribers from the admin UI: the operators' verbs of lib/notifications, and so the same rules
// and permission checks as the admin API.
import { formChoice, formList, formText, type FormState } from '../admin-ui/form-state.ts';
import { pageTimeZone } from '../admin-ui/form-times.ts';
import { MODE_LABELS, subscriberShown } from '../notifications/subscribers.ts';
import { createSubscriber, deleteSubscriber, resendConfirmation } from '../notifications/manage-subscribers.ts';
import type { SubscriberMode } from '../notifications/subscribers.ts';
import { formatDateTime } from '../time.ts';
import { adminAction, redirectTo } from './admin-action.ts';

/** After adding a webhook, its signing secret: in this answer only, never stored in the page. */
export type AddSubscriberState = FormState & { secret?: string };

export const addSubscriberAction = adminAction<AddSubscriberState>('subscribers.manage', async (form, { db, actor }) => {
  const mode = formChoice<SubscriberMode>(form, 'mode');
  const email = mode === 'email';
  const subscriber = await createSubscriber(
    db,
    { mode, ...(email ? { email: formText(form, 'email') } : { endpoint: formText(form, 'endpoint') }), componentIds: formList(form, 'componentIds') },
    actor,
    { skipConfirmation: email && form.get('skipConfirmation') === 'on' },
  );
  const shown = subscriberShown(subscriber);
  if (subscriber.secret) return { notice: `Added the webhook (${shown}).`, secret: subscriber.secret };
  if (!email) return { notice: `Added the ${MODE_LABELS[mode]} channel ${shown}: it is sent the next update.` };
  if (subscriber.confirmedAt) return { notice: `Added ${shown}, confirmed: no confirmation email was sent.` };
  const until = formatDateTime(subscriber.confirmExpiresAt!, await pageTimeZone(db));
  return { notice: `Added ${shown}. A confirmation link is on its way; notifications start once they follow it, by ${until}.` };
});

/** Whom a row action's message is about, so the list shows it beside them (or above, once they are gone). */
export type SubscriberChangeState = FormState & { targetId?: string };

/** The list's and a subscriber's page's buttons: `kind` is resend (a new confirmation link) or remove. */
export const changeSubscriberAction = adminAction<SubscriberChangeState>('subscribers.manage', async (form, { db, actor }) => {
  const id = formText(form, 'id');
  if (formText(form, 'kind') === 'resend') {
    const subscriber = await resendConfirmation(db, id, actor);
    const until = formatDateTime(subscriber.confirmExpiresAt!, await pageTimeZone(db));
    return { notice: `Sent ${subscriber.email} a new confirmation link, good until ${until}; the earlier one no longer works.`, targetId: id };
  }
  const removed = await deleteSubscriber(db, id, actor);
  // From its own page, back to the list, which says what happened.
  if (formText(form, 'from') === 'subscriber') return redirectTo('/admin/subscribers?removed=1');
  return { notice: `Removed ${subscriberShown(removed)}: it is sent nothing more, and its delivery log went with it.`, targetId: id };
});
