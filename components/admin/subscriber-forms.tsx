'use client';
import { useActionState, useState } from 'react';
import { addSubscriberAction, changeSubscriberAction, type AddSubscriberState, type SubscriberChangeState } from '@/lib/actions/subscribers';
import type { SubscriberListRow } from '@/lib/admin-ui/subscriber-reads';
import { BUTTON, Checkbox, CheckboxList, FormError, Notice, SECONDARY_BUTTON, Select, TextField } from './fields';

type Option = { value: string; label: string };

const ENDPOINT_HINTS: Record<string, { hint: string; placeholder: string }> = {
  webhook: { hint: 'Gatewatch POSTs each notification there as JSON, in Statuspage’s format, signed.', placeholder: 'https://example.com/hooks/status' },
  slack: { hint: 'The incoming webhook URL Slack gives you for the channel.', placeholder: 'https://hooks.slack.com/services/…' },
  discord: { hint: 'The channel’s webhook URL, from its integration settings.', placeholder: 'https://discord.com/api/webhooks/…' },
  teams: { hint: 'The channel’s incoming webhook (workflow) URL.', placeholder: 'https://….webhook.office.com/…' },
};

/** The signing secret of a webhook just added, with how its receiver checks it: shown this once. */
function WebhookSecret({ notice, secret }: { notice: string; secret: string }) {
  return (
    <Notice message={notice}>
      <p className="font-semibold">{notice} Copy its signing secret now: it is not shown again.</p>
      <code className="mt-1 block break-all select-all" data-testid="webhook-secret">
        {secret}
      </code>
      <p className="mt-2">
        Each request carries the headers webhook-id, webhook-timestamp and webhook-signature, the Standard Webhooks way (standardwebhooks.com): the signature is an HMAC-SHA256 of the id,
        the timestamp and the body, made with this secret. The receiver checks it with the standardwebhooks library for its language, in one call, and refuses a request that fails; a
        repeated webhook-id is a retry of one already received.
      </p>
    </Notice>
  );
}

/** Before the page's script runs (or without it), the endpoint's hint names every kind. */
const ANY_ENDPOINT = { hint: 'Your webhook’s URL, or the incoming webhook URL Slack, Discord or Teams gives you for the channel.', placeholder: 'https://' };

/**
 * Adding an address or an endpoint; `modes` holds only what can be sent now (no email without
 * SMTP_URL). Both fields are always there and CSS shows the kind's (globals.css, `.kind-fields`), so
 * it works with no script; the action reads the one of the kind chosen.
 */
export function AddSubscriberForm({ modes, components }: { modes: Option[]; components: Option[] }) {
  const [state, action, pending] = useActionState<AddSubscriberState, FormData>(addSubscriberAction, {});
  const values = state.error ? state.values : undefined;
  const [mode, setMode] = useState<string | null>(values?.mode ?? null);
  const errors = state.fieldErrors ?? {};
  const endpoint = (mode && ENDPOINT_HINTS[mode]) || ANY_ENDPOINT;
  const offersEmail = modes.some((option) => option.value === 'email');
  return (
    // Re-keyed after an add: the fields start afresh, the outcome stays above them.
    <form action={action} className="kind-fields space-y-4" key={state.notice} noValidate>
      {state.secret && state.notice ? <WebhookSecret notice={state.notice} secret={state.secret} /> : <Notice message={state.notice} />}
      <FormError message={state.error} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Select id="subscriber-mode" name="mode" label="Kind" options={modes} defaultValue={values?.mode ?? modes[0].value} onChange={(event) => setMode(event.target.value)} error={errors.mode} />
        {offersEmail && (
          <div data-for-kind="email">
            <TextField id="subscriber-email" name="email" label="Email address" type="email" autoComplete="off" required defaultValue={values?.email} error={errors.email} placeholder="ann@example.com" />
          </div>
        )}
        <div data-for-kind="endpoint">
          <TextField
            id="subscriber-endpoint"
            name="endpoint"
            label="Endpoint URL"
            type="url"
            required
            defaultValue={values?.endpoint}
            error={errors.endpoint}
            hint={endpoint.hint}
            placeholder={endpoint.placeholder}
          />
        </div>
      </div>
      {offersEmail && (
        <div data-for-kind="email">
          <Checkbox
            id="subscriber-skip"
            name="skipConfirmation"
            label="Skip the confirmation email"
            hint="Only for an address you know wants these: it is subscribed at once, without a link to follow."
            defaultChecked={values?.skipConfirmation === 'on'}
          />
        </div>
      )}
      {components.length > 0 && <CheckboxList legend="Components" hint="None ticked: all of them, also those added later." name="componentIds" options={components} values={values} />}
      <button type="submit" className={BUTTON} disabled={pending}>
        {pending ? 'Adding…' : 'Add subscriber'}
      </button>
    </form>
  );
}

/**
 * A subscriber's buttons: a new confirmation link (an unconfirmed address), and removal behind a
 * second step. `from` says where the removal goes on to (see changeSubscriberAction).
 */
function SubscriberButtons({ row, action, pending, from }: { row: Pick<SubscriberListRow, 'id' | 'shown' | 'canResend'>; action: (form: FormData) => void; pending: boolean; from: 'list' | 'subscriber' }) {
  return (
    <form action={action} className="flex flex-wrap items-start gap-2 text-sm">
      <input type="hidden" name="id" value={row.id} />
      <input type="hidden" name="from" value={from} />
      {row.canResend && (
        <button type="submit" name="kind" value="resend" className={SECONDARY_BUTTON} disabled={pending} aria-label={`Resend confirmation to ${row.shown}`}>
          Resend confirmation
        </button>
      )}
      {/* The details are the confirmation step: nothing is removed by one stray click. */}
      <details className="basis-full sm:basis-auto">
        <summary className="cursor-pointer py-1.5 underline">Remove…</summary>
        <div className="mt-2 max-w-sm space-y-2">
          <p className="text-slate-600 dark:text-slate-400">It is sent nothing more, and its delivery log is deleted. The audit log keeps a line saying it was removed.</p>
          <button type="submit" name="kind" value="remove" className={SECONDARY_BUTTON} disabled={pending}>
            Remove {row.shown} now
          </button>
        </div>
      </details>
    </form>
  );
}

const STATE_CLASS: Record<SubscriberListRow['state']['kind'], string> = {
  active: '',
  unconfirmed: 'text-slate-600 dark:text-slate-400',
  quarantined: 'text-major',
};

export function SubscriberState({ state }: { state: SubscriberListRow['state'] }) {
  return <p className={STATE_CLASS[state.kind]}>{state.words}</p>;
}

/** A page of the list, each with its buttons; a button's outcome shows beside its subscriber, or above the list once they are gone. */
export function SubscriberList({ rows }: { rows: SubscriberListRow[] }) {
  const [state, action, pending] = useActionState<SubscriberChangeState, FormData>(changeSubscriberAction, {});
  const message = (
    <>
      <Notice message={state.notice} />
      <FormError message={state.error} />
    </>
  );
  const targetId = state.targetId ?? state.values?.id;
  const shownInRow = rows.some((row) => row.id === targetId);
  return (
    <div className="space-y-2">
      {!shownInRow && message}
      {rows.length > 0 && (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
          {rows.map((row) => (
            <li key={row.id} className="space-y-2 px-4 py-3 text-sm" aria-label={row.shown}>
              <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
                <div className="min-w-0 space-y-0.5">
                  <p>
                    <a href={`/admin/subscribers/${row.id}`} className="font-medium break-words underline-offset-2 hover:underline">
                      {row.shown}
                    </a>{' '}
                    <span className="ml-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs whitespace-nowrap dark:bg-slate-800">{row.modeLabel}</span>
                  </p>
                  <p className="text-slate-600 dark:text-slate-400">{row.components}</p>
                  <SubscriberState state={row.state} />
                  <p className="text-xs text-slate-500 dark:text-slate-400">Added {row.created}</p>
                </div>
                <SubscriberButtons row={row} action={action} pending={pending} from="list" />
              </div>
              {shownInRow && targetId === row.id && message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** On a subscriber's own page: the same buttons; removing goes back to the list. */
export function SubscriberActions({ row }: { row: Pick<SubscriberListRow, 'id' | 'shown' | 'canResend'> }) {
  const [state, action, pending] = useActionState<SubscriberChangeState, FormData>(changeSubscriberAction, {});
  return (
    <div className="space-y-2">
      <Notice message={state.notice} />
      <FormError message={state.error} />
      <SubscriberButtons row={row} action={action} pending={pending} from="subscriber" />
    </div>
  );
}
