'use client';
// Putting an incident's record right: its title and impact or window, calling a maintenance off,
// deleting it. None of these posts an update, except the cancellation's own message.
import { useActionState } from 'react';
import { cancelMaintenanceAction, deleteIncidentAction, editIncidentAction } from '@/lib/actions/incidents';
import type { FormState } from '@/lib/admin-ui/form-state';
import { BUTTON, DANGER_BUTTON, FormError, Notice, SECONDARY_BUTTON, Select, ShownValues, TextArea, TextField } from './fields';
import { NotifyField } from './notify-field';

type Option = { value: string; label: string };

function Hidden({ incidentId, version }: { incidentId: string; version: number }) {
  return (
    <>
      <input type="hidden" name="incidentId" value={incidentId} />
      <input type="hidden" name="version" value={version} />
    </>
  );
}

/** An incident's title and impact, or a maintenance's title and window (while it can still move). */
export function EditIncidentForm(props: {
  incidentId: string;
  version: number;
  kind: 'incident' | 'maintenance';
  name: string;
  impact: string;
  impactOptions: Option[];
  /** Wall-clock times in the page's zone; null when the window can no longer move. */
  window: { scheduledFor: string; scheduledUntil: string; started: boolean } | null;
  timeZone: string;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(editIncidentAction, {});
  const values = state.values;
  const shown: Record<string, string> = { name: props.name };
  if (props.kind === 'incident') shown.impact = props.impact;
  if (props.window) Object.assign(shown, { scheduledFor: props.window.scheduledFor, scheduledUntil: props.window.scheduledUntil });
  return (
    <form action={action} className="space-y-4">
      <Hidden incidentId={props.incidentId} version={props.version} />
      <ShownValues values={shown} />
      <FormError message={state.error} />
      <Notice message={state.notice} />
      <TextField name="name" label="Title" required maxLength={255} defaultValue={values?.name ?? props.name} error={state.fieldErrors?.name} />
      {props.kind === 'incident' && (
        <Select name="impact" label="Impact" options={props.impactOptions} defaultValue={values?.impact ?? props.impact} error={state.fieldErrors?.impact} />
      )}
      {props.window && (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            name="scheduledFor"
            label={`Starts (${props.timeZone})`}
            type="datetime-local"
            required
            disabled={props.window.started}
            hint={props.window.started ? 'It has started: only the end can move.' : undefined}
            defaultValue={values?.scheduledFor ?? props.window.scheduledFor}
            error={state.fieldErrors?.scheduledFor}
          />
          <TextField
            name="scheduledUntil"
            label={`Ends (${props.timeZone})`}
            type="datetime-local"
            required
            defaultValue={values?.scheduledUntil ?? props.window.scheduledUntil}
            error={state.fieldErrors?.scheduledUntil}
          />
        </div>
      )}
      <button type="submit" className={SECONDARY_BUTTON} disabled={pending}>
        {pending ? 'Saving…' : 'Save without posting an update'}
      </button>
    </form>
  );
}

/** Calls a maintenance off: visitors are told why, and it leaves the calendar. */
export function CancelMaintenanceForm({ incidentId, version, defaultMessage }: { incidentId: string; version: number; defaultMessage: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(cancelMaintenanceAction, {});
  return (
    <form action={action} className="space-y-3">
      <Hidden incidentId={incidentId} version={version} />
      <FormError message={state.error} />
      <Notice message={state.notice} />
      <TextArea name="body" label="Message to visitors" rows={3} hint="Markdown. Posted as the maintenance's last update." defaultValue={state.values?.body ?? defaultMessage} error={state.fieldErrors?.body} />
      <NotifyField id="cancel-deliverNotifications" values={state.values} />
      <button type="submit" className={BUTTON} disabled={pending}>
        {pending ? 'Cancelling…' : 'Cancel this maintenance'}
      </button>
    </form>
  );
}

/** Deletes it for good, once the operator ticks the box. */
export function DeleteIncidentForm({ incidentId, version, kind }: { incidentId: string; version: number; kind: 'incident' | 'maintenance' }) {
  const [state, action, pending] = useActionState<FormState, FormData>(deleteIncidentAction, {});
  return (
    <form action={action} className="space-y-3">
      <Hidden incidentId={incidentId} version={version} />
      <FormError message={state.error} />
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="confirm" required className="mt-1" />
        <span>
          Delete this {kind} for good: it leaves the public page, the history, the feeds and the uptime bars. The audit log keeps a copy.
        </span>
      </label>
      <button type="submit" className={DANGER_BUTTON} disabled={pending}>
        {pending ? 'Deleting…' : `Delete ${kind}`}
      </button>
    </form>
  );
}
