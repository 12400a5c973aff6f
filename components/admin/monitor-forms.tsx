'use client';
import { useActionState } from 'react';
import { checkNowAction, createMonitorAction, deleteMonitorAction, editMonitorAction, pauseMonitorAction } from '@/lib/actions/monitors';
import type { FormState } from '@/lib/admin-ui/form-state';
import { BUTTON, Checkbox, DANGER_BUTTON, FormError, FormOutcome, SECONDARY_BUTTON, Select, TextArea, TextField } from './fields';

type Option = { value: string; label: string };

/** A monitor's fields as the form shows them (strings, as typed). */
export type MonitorFormValues = Record<string, string>;

const METHOD_OPTIONS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].map((method) => ({ value: method, label: method }));
const DOWN_STATUS_OPTIONS = [
  { value: 'major_outage', label: 'Major outage' },
  { value: 'partial_outage', label: 'Partial outage' },
];
const INCIDENT_MODE_OPTIONS = [
  { value: 'off', label: 'No: only the component’s status changes' },
  { value: 'open', label: 'Open one when it goes down; we resolve it' },
  { value: 'open_and_resolve', label: 'Open one when it goes down, and resolve it when it recovers' },
];

const FIELDSET = 'space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800';
const LEGEND = 'px-1 text-sm font-semibold';

/**
 * Adding a monitor of `kind`, or (with `id`) editing one. `start` holds the values shown; after a
 * refused submit, what was typed.
 */
export function MonitorForm({ kind, id, start, components, templates, headerNames = [] }: { kind: string; id?: string; start: MonitorFormValues; components: Option[]; templates: Option[]; headerNames?: string[] }) {
  const [state, action, pending] = useActionState<FormState, FormData>(id ? editMonitorAction : createMonitorAction, {});
  const values = state.error ? (state.values ?? start) : start;
  const errors = state.fieldErrors ?? {};
  const field = (name: string) => ({ id: `monitor-${name}`, name, defaultValue: values[name] ?? '', error: errors[name] });
  const heartbeat = kind === 'heartbeat';
  const alert = kind === 'alert';
  return (
    <form action={action} className="space-y-5" noValidate>
      {id && <input type="hidden" name="id" value={id} />}
      <input type="hidden" name="kind" value={kind} />
      <FormOutcome state={state} />
      <fieldset className={FIELDSET}>
        <legend className={LEGEND}>What it watches</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField {...field('name')} label="Name" required maxLength={100} hint="How the admin and the audit log name it, e.g. “API health check”." />
          <Select {...field('componentId')} label="Component" options={components} hint="Its checks set this component’s status." />
        </div>
        {kind === 'http' && (
          <>
            <TextField {...field('url')} label="URL" type="url" required placeholder="https://api.example.com/health" hint="An http:// or https:// address to request." />
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField {...field('expectedStatus')} label="Expected status codes" hint="Codes or ranges, e.g. 200-299 or 200,301. Anything else is a failure." />
              <TextField {...field('slowMs')} label="Slow above (ms)" inputMode="numeric" hint="Slower answers show the component as degraded. Empty: never." />
            </div>
          </>
        )}
        {kind === 'tcp' && (
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField {...field('host')} label="Host" required placeholder="db.internal.example.com" hint="A host name or an IP address." />
            <TextField {...field('port')} label="Port" required inputMode="numeric" hint="The check passes when the port accepts a connection." />
          </div>
        )}
        {alert && (
          <TextArea
            {...field('labels')}
            label="Labels an alert must carry"
            rows={3}
            placeholder={'service=checkout\nseverity=critical'}
            hint="One name=value per line. A firing alert with all of them sets the component down; when all such alerts are resolved, it comes back."
          />
        )}
        {heartbeat && <p className="text-sm text-slate-600 dark:text-slate-300">A heartbeat monitor gets a secret URL once saved. Your cron job or deploy script calls it each time it runs; a call that does not come in time is a failure.</p>}
      </fieldset>
      {kind === 'http' && (
        <details className={FIELDSET} open={Boolean(errors.method || errors.headers || errors.body || errors.keyword || errors.jsonPath || errors.jsonValue || errors.certExpiryDays)}>
          <summary className="cursor-pointer text-sm font-semibold">Request and answer details</summary>
          <div className="mt-4 space-y-4">
            <div className="grid gap-4 sm:grid-cols-2">
              <Select {...field('method')} label="Method" options={METHOD_OPTIONS} />
              <TextField {...field('certExpiryDays')} label="Warn before the certificate expires (days)" inputMode="numeric" hint="HTTPS only. Empty: no warning." />
            </div>
            <TextArea
              {...field('headers')}
              label="Headers"
              rows={3}
              placeholder={'Authorization: Bearer …\nX-Api-Key: …'}
              hint={id && headerNames.length ? `Set: ${headerNames.join(', ')} (values hidden). Leave empty to keep them; type new ones to replace them all.` : 'One “Name: value” per line.'}
            />
            {id && headerNames.length > 0 && <Checkbox id="monitor-clearHeaders" name="clearHeaders" label="Remove the headers set" defaultChecked={values.clearHeaders === 'on'} />}
            <TextArea {...field('body')} label="Request body" rows={3} hint="Sent with POST, PUT and PATCH." />
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField {...field('keyword')} label="Text the answer must contain" hint="Empty: no text check." />
              <div className="pt-6">
                <Checkbox id="monitor-keywordAbsent" name="keywordAbsent" label="Must not contain it instead" defaultChecked={values.keywordAbsent === 'on'} />
              </div>
              <TextField {...field('jsonPath')} label="JSON path" placeholder="$.status" hint="For a JSON answer: a value that must be there." />
              <TextField {...field('jsonValue')} label="Its value" placeholder="ok" hint="Empty: any value will do." />
            </div>
            <Checkbox id="monitor-followRedirects" name="followRedirects" label="Follow redirects" hint="Up to 5; off, a redirect is checked against the expected codes." defaultChecked={values.followRedirects === 'on'} />
            <Checkbox id="monitor-ignoreTlsErrors" name="ignoreTlsErrors" label="Accept an untrusted or expired certificate" hint="For internal services with their own certificates; the expiry warning still works." defaultChecked={values.ignoreTlsErrors === 'on'} />
          </div>
        </details>
      )}
      <fieldset className={FIELDSET}>
        <legend className={LEGEND}>When it says down</legend>
        {/* Alertmanager or Grafana decide when an alert fires: the component follows at once. */}
        {alert ? (
          <>
            {['intervalSeconds', 'timeoutSeconds', 'failuresBeforeDown', 'successesBeforeUp'].map((name) => (
              <input key={name} type="hidden" name={name} value={values[name] ?? ''} />
            ))}
            <Select {...field('downStatus')} label="The component shows, while an alert fires" options={DOWN_STATUS_OPTIONS} />
          </>
        ) : (
          <>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField {...field('intervalSeconds')} label={heartbeat ? 'Expected every (seconds)' : 'Check every (seconds)'} inputMode="numeric" hint="At least 10." />
          <TextField {...field('timeoutSeconds')} label={heartbeat ? 'Grace (seconds)' : 'Timeout (seconds)'} inputMode="numeric" hint={heartbeat ? 'How late a call may be.' : 'Shorter than the interval.'} />
          <TextField {...field('failuresBeforeDown')} label={heartbeat ? 'Missed calls before down' : 'Failures in a row before down'} inputMode="numeric" />
          <TextField {...field('successesBeforeUp')} label={heartbeat ? 'Calls before up again' : 'Successes in a row before up again'} inputMode="numeric" />
          <Select {...field('downStatus')} label="The component shows, when down" options={DOWN_STATUS_OPTIONS} />
        </div>
          </>
        )}
        <p className="text-xs text-slate-500 dark:text-slate-400">A component under maintenance, or a status a person chose, is never overridden.</p>
      </fieldset>
      <fieldset className={FIELDSET}>
        <legend className={LEGEND}>Incidents</legend>
        <Select {...field('incidentMode')} label="Open an incident on its own?" options={INCIDENT_MODE_OPTIONS} />
        <div className="grid gap-4 sm:grid-cols-2">
          <Select {...field('incidentTemplateId')} label="From the template" options={[{ value: '', label: 'Automatic (“502 Bad Gateway” for a 502)' }, ...templates]} />
          {alert ? (
            <input type="hidden" name="incidentQuietMinutes" value="0" />
          ) : (
            <TextField {...field('incidentQuietMinutes')} label="Resolve after passing for (minutes)" inputMode="numeric" hint="Meanwhile the incident says “monitoring”." />
          )}
        </div>
      </fieldset>
      <button type="submit" className={BUTTON} disabled={pending}>
        {id ? 'Save monitor' : 'Add monitor'}
      </button>
    </form>
  );
}

/** "Check now": runs the check and shows its result and timings. */
export function CheckNowForm({ id }: { id: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(checkNowAction, {});
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="id" value={id} />
      <button type="submit" className={BUTTON} disabled={pending}>
        {pending ? 'Checking…' : 'Check now'}
      </button>
      <FormOutcome state={state} />
    </form>
  );
}

export function PauseForm({ id, paused }: { id: string; paused: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(pauseMonitorAction, {});
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="paused" value={paused ? 'false' : 'true'} />
      <button type="submit" className={SECONDARY_BUTTON} disabled={pending}>
        {paused ? 'Resume' : 'Pause'}
      </button>
      <FormOutcome state={state} />
    </form>
  );
}

export function DeleteMonitorForm({ id, name }: { id: string; name: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(deleteMonitorAction, {});
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="id" value={id} />
      <FormError message={state.error} />
      <TextField id="monitor-confirm" name="confirm" label={`Type “${name}” to delete this monitor and its checks`} defaultValue={state.values?.confirm ?? ''} error={state.fieldErrors?.confirm} autoComplete="off" />
      <button type="submit" className={DANGER_BUTTON} disabled={pending}>
        Delete monitor
      </button>
    </form>
  );
}
