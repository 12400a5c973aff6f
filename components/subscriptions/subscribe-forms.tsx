'use client';
// The visitor's subscription forms. They post as plain forms before any script runs (React's server
// actions), so they work with JavaScript off.
import { useActionState } from 'react';
import { changeComponentsAction, confirmAction, subscribeAction, type ConfirmState, type SubscribeState } from '@/lib/actions/subscriptions';
import type { FormState } from '@/lib/admin-ui/form-state';
import { BUTTON, FormOutcome, TextField } from '../admin/fields';
import { ComponentChoice, type ComponentChoiceGroup } from './component-choice';

const FORM_BOX = 'space-y-4 rounded-lg border border-slate-200 p-4 sm:p-5 dark:border-slate-800';

export function EmailSubscribeForm({ groups }: { groups: ComponentChoiceGroup[] }) {
  const [state, action, pending] = useActionState<SubscribeState, FormData>(subscribeAction, {});
  const values = state.values ?? {};
  return (
    <form action={action} className={FORM_BOX} noValidate>
      <h2 className="text-lg font-semibold">By email</h2>
      <input type="hidden" name="mode" value="email" />
      <FormOutcome state={state} />
      <TextField id="subscribe-email" name="email" label="Your email address" type="email" autoComplete="email" required defaultValue={values.email ?? ''} error={state.fieldErrors?.email} />
      <ComponentChoice groups={groups} chosen={(values.componentIds ?? '').split('\n')} idPrefix="email" />
      <SubmitButton pending={pending} />
    </form>
  );
}

const ENDPOINT_MODES = [
  { value: 'slack', label: 'Slack', hint: 'An incoming webhook URL, https://hooks.slack.com/services/…' },
  { value: 'discord', label: 'Discord', hint: 'A channel webhook URL, https://discord.com/api/webhooks/…' },
  { value: 'teams', label: 'Microsoft Teams', hint: 'A Workflows webhook URL for a channel' },
  { value: 'webhook', label: 'Webhook', hint: 'Your own endpoint: JSON in Statuspage’s format, signed (Standard Webhooks)' },
];

/** Folded away under its summary (most visitors want email) unless `open`, or it has something to say. */
export function EndpointSubscribeForm({ groups, open }: { groups: ComponentChoiceGroup[]; open: boolean }) {
  const [state, action, pending] = useActionState<SubscribeState, FormData>(subscribeAction, {});
  const values = state.values ?? {};
  const mode = values.mode ?? 'slack';
  return (
    <details open={open || Boolean(state.error || state.notice)} className="group rounded-lg border border-slate-200 dark:border-slate-800">
      <summary className="cursor-pointer list-none p-4 text-lg font-semibold sm:px-5 [&::-webkit-details-marker]:hidden">
        <span aria-hidden="true" className="mr-2 inline-block transition-transform group-open:rotate-90">
          ›
        </span>
        In Slack, Discord, Teams, or to a webhook
      </summary>
      <form action={action} className="space-y-4 px-4 pb-4 sm:px-5 sm:pb-5" noValidate>
        <FormOutcome state={state} />
        {state.secret && (
          <div className="space-y-1 text-sm">
            <p>
              Your signing secret, shown only now. Check each request’s <code>webhook-signature</code> with it (any Standard Webhooks library does).
            </p>
            <code className="block break-all rounded bg-slate-100 px-2 py-1 dark:bg-slate-800">{state.secret}</code>
          </div>
        )}
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Where to</legend>
          {ENDPOINT_MODES.map((option) => (
            <div key={option.value} className="flex items-start gap-2">
              <input id={`mode-${option.value}`} type="radio" name="mode" value={option.value} defaultChecked={mode === option.value} className="mt-1 size-4" aria-describedby={`mode-${option.value}-hint`} />
              <div>
                <label htmlFor={`mode-${option.value}`} className="text-sm font-medium">
                  {option.label}
                </label>
                <p id={`mode-${option.value}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
                  {option.hint}
                </p>
              </div>
            </div>
          ))}
        </fieldset>
        <TextField id="subscribe-endpoint" name="endpoint" label="URL" type="url" inputMode="url" required defaultValue={values.endpoint ?? ''} error={state.fieldErrors?.endpoint} />
        <ComponentChoice groups={groups} chosen={(values.componentIds ?? '').split('\n')} idPrefix="endpoint" />
        <SubmitButton pending={pending} />
      </form>
    </details>
  );
}

function SubmitButton({ pending, label = 'Subscribe' }: { pending: boolean; label?: string }) {
  return (
    <button type="submit" className={BUTTON} disabled={pending}>
      {label}
    </button>
  );
}

export function ConfirmForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState<ConfirmState, FormData>(confirmAction, {});
  if (state.confirmed) return <FormOutcome state={state} />;
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <FormOutcome state={state} />
      <p>
        Send updates to <strong>{email}</strong>?
      </p>
      <SubmitButton pending={pending} label="Confirm my subscription" />
    </form>
  );
}

export function ManageForm({ token, groups, chosen }: { token: string; groups: ComponentChoiceGroup[]; chosen: string[] }) {
  const [state, action, pending] = useActionState<FormState, FormData>(changeComponentsAction, {});
  return (
    <form action={action} className={FORM_BOX}>
      <input type="hidden" name="token" value={token} />
      <FormOutcome state={state} />
      <ComponentChoice groups={groups} chosen={state.values ? (state.values.componentIds ?? '').split('\n') : chosen} idPrefix="manage" />
      <SubmitButton pending={pending} label="Save" />
    </form>
  );
}
