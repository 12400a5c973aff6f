'use client';
import { useActionState, useState } from 'react';
import { createIncidentAction, deleteUpdateAction, editUpdateAction, postUpdateAction } from '@/lib/actions/incidents';
import type { FormState } from '@/lib/admin-ui/form-state';
import { BUTTON, DANGER_BUTTON, FormError, Notice, SECONDARY_BUTTON, Select, ShownValues, TextField } from './fields';
import { MessageField } from './message-field';
import { NotifyField } from './notify-field';

export interface ComponentChoice {
  id: string;
  name: string;
  /** Its status now, in words. */
  statusLabel: string;
  /** Already affected by this incident (an update form): "No change" keeps it affected. */
  affected?: boolean;
}
type Option = { value: string; label: string };

/** Each component with "not affected" or the status it goes to with this update. */
function ComponentStatuses({ components, statusOptions, values, emptyLabel, legend = 'Affected components' }: { components: ComponentChoice[]; statusOptions: Option[]; values?: Record<string, string>; emptyLabel: string; legend?: string }) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">{legend}</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {components.map((component) => (
          <label key={component.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm dark:border-slate-800">
            <span>
              {component.name} <span className="text-xs text-slate-500 dark:text-slate-400">({component.statusLabel})</span>
            </span>
            <select
              // Keyed on its default, as in fields.tsx' Select: kept after a refused submit.
              key={values?.[`component:${component.id}`] ?? ''}
              name={`component:${component.id}`}
              aria-label={component.name}
              defaultValue={values?.[`component:${component.id}`] ?? ''}
              className="max-w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
            >
              {component.affected ? <option value="keep">No change ({component.statusLabel})</option> : <option value="">{emptyLabel}</option>}
              {statusOptions.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function NewIncidentForm(props: {
  components: ComponentChoice[];
  statusOptions: Option[];
  impactOptions: Option[];
  componentStatusOptions: Option[];
  initial: { name: string; status: string; impact: string; body: string };
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(createIncidentAction, {});
  const values = state.values;
  return (
    <form action={action} className="space-y-5">
      <FormError message={state.error} />
      <TextField name="name" label="Title" required maxLength={255} defaultValue={values?.name ?? props.initial.name} error={state.fieldErrors?.name} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Select name="status" label="Status" options={props.statusOptions} defaultValue={values?.status ?? props.initial.status} error={state.fieldErrors?.status} />
        <Select name="impact" label="Impact" options={props.impactOptions} defaultValue={values?.impact ?? props.initial.impact} error={state.fieldErrors?.impact} />
      </div>
      <MessageField name="body" label="Message to visitors" hint="Markdown. Say what visitors see and what they can do." defaultValue={values?.body ?? props.initial.body} error={state.fieldErrors?.body} />
      <ComponentStatuses components={props.components} statusOptions={props.componentStatusOptions} values={values} emptyLabel="Not affected" />
      <NotifyField values={values} />
      <button type="submit" className={BUTTON} disabled={pending}>
        {pending ? 'Publishing…' : 'Publish incident'}
      </button>
    </form>
  );
}

/** A past incident, posted as resolved, with each affected component's status during it. */
export function BackfillForm(props: { components: ComponentChoice[]; impactOptions: Option[]; componentStatusOptions: Option[]; timeZone: string; now: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(createIncidentAction, {});
  const values = state.values;
  return (
    <form action={action} className="space-y-5">
      <input type="hidden" name="status" value="resolved" />
      <FormError message={state.error} />
      <TextField name="name" label="Title" required maxLength={255} defaultValue={values?.name} error={state.fieldErrors?.name} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Select name="impact" label="Impact" options={props.impactOptions} defaultValue={values?.impact ?? 'minor'} error={state.fieldErrors?.impact} />
        <TextField name="startedAt" label={`Started (${props.timeZone})`} type="datetime-local" required max={props.now} defaultValue={values?.startedAt} error={state.fieldErrors?.startedAt} />
        <TextField name="resolvedAt" label={`Resolved (${props.timeZone})`} type="datetime-local" required max={props.now} defaultValue={values?.resolvedAt} error={state.fieldErrors?.resolvedAt} />
      </div>
      <MessageField name="body" label="What happened" hint="Markdown. Shown as the incident's resolved update." rows={5} defaultValue={values?.body} error={state.fieldErrors?.body} />
      <ComponentStatuses components={props.components} statusOptions={props.componentStatusOptions} values={values} emptyLabel="Not affected" legend="Status of the affected components during it" />
      {/* A past incident is seldom news: subscribers hear of it only if the operator says so. */}
      <NotifyField values={values} byDefault={false} changesComponents={false} />
      <button type="submit" className={BUTTON} disabled={pending}>
        {pending ? 'Saving…' : 'Add to the history'}
      </button>
    </form>
  );
}

/**
 * A new update. It starts at the current status; choosing one that closes the incident (resolved,
 * completed) preselects each affected component's way back (lib's statuses-after-close rule), which
 * the operator can change: "No change" keeps a component as it is.
 */
export function UpdateForm(props: {
  incidentId: string;
  version: number;
  components: ComponentChoice[];
  statusOptions: Option[];
  componentStatusOptions: Option[];
  currentStatus: string;
  /** Statuses that close it. */
  closingStatuses: string[];
  /** Where each affected component goes when it closes and the operator changes nothing. */
  backOnClose: Record<string, string>;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(postUpdateAction, {});
  const values = state.values;
  const [status, setStatus] = useState(values?.status ?? props.currentStatus);
  const closing = props.closingStatuses.includes(status) && !props.closingStatuses.includes(props.currentStatus);
  const defaults = Object.fromEntries(
    props.components.map((component) => [`component:${component.id}`, closing && props.backOnClose[component.id] ? props.backOnClose[component.id] : component.affected ? 'keep' : '']),
  );
  return (
    <form action={action} className="space-y-5">
      <input type="hidden" name="incidentId" value={props.incidentId} />
      <input type="hidden" name="version" value={props.version} />
      <FormError message={state.error} />
      <Notice message={state.notice} />
      <Select
        name="status"
        label="Status"
        hint="Starts at the current status: change it only when the incident moves on."
        options={props.statusOptions}
        defaultValue={values?.status ?? props.currentStatus}
        onChange={(event) => setStatus(event.target.value)}
        error={state.fieldErrors?.status}
      />
      <MessageField name="body" label="Message to visitors" hint="Markdown." rows={5} defaultValue={values?.body} error={state.fieldErrors?.body} />
      {closing && Object.keys(props.backOnClose).length > 0 && (
        <p className="text-sm text-slate-600 dark:text-slate-300">Affected components go back to operational with this update unless you choose otherwise below.</p>
      )}
      <ComponentStatuses
        // Re-keyed when the status moves in or out of closing, so the selects take the new defaults.
        key={closing ? 'closing' : 'open'}
        components={props.components}
        statusOptions={props.componentStatusOptions}
        values={values ?? defaults}
        emptyLabel="Not affected"
      />
      <NotifyField values={values} />
      <button type="submit" className={BUTTON} disabled={pending}>
        {pending ? 'Posting…' : 'Post update'}
      </button>
    </form>
  );
}

/** Under a posted update: correct its message or time, or delete it (not the only one). */
export function UpdateEditor(props: { incidentId: string; version: number; update: { id: string; body: string; displayAt: string }; timeZone: string; deletable: boolean }) {
  const [edit, editAction, editing] = useActionState<FormState, FormData>(editUpdateAction, {});
  const [removal, deleteAction, deleting] = useActionState<FormState, FormData>(deleteUpdateAction, {});
  const id = `update-${props.update.id}`;
  const hidden = (
    <>
      <input type="hidden" name="incidentId" value={props.incidentId} />
      <input type="hidden" name="updateId" value={props.update.id} />
      <input type="hidden" name="version" value={props.version} />
    </>
  );
  return (
    <details className="mt-2 text-sm" open={Boolean(edit.error || removal.error)}>
      <summary className="cursor-pointer text-slate-600 underline-offset-2 hover:underline dark:text-slate-400">Edit or delete</summary>
      <div className="mt-3 space-y-4 rounded-md border border-slate-200 p-4 dark:border-slate-800">
        <form action={editAction} className="space-y-3">
          {hidden}
          <ShownValues values={{ displayAt: props.update.displayAt }} />
          <FormError message={edit.error} />
          <Notice message={edit.notice} />
          <MessageField id={`${id}-body`} name="body" label="Message" rows={4} hint="Markdown." defaultValue={edit.values?.body ?? props.update.body} error={edit.fieldErrors?.body} />
          <TextField
            id={`${id}-displayAt`}
            name="displayAt"
            label={`Shown as posted at (${props.timeZone})`}
            type="datetime-local"
            required
            defaultValue={edit.values?.displayAt ?? props.update.displayAt}
            error={edit.fieldErrors?.displayAt}
          />
          <button type="submit" className={SECONDARY_BUTTON} disabled={editing}>
            Save changes
          </button>
        </form>
        {props.deletable ? (
          <form action={deleteAction} className="space-y-2 border-t border-slate-200 pt-3 dark:border-slate-800">
            {hidden}
            <FormError message={removal.error} />
            <label className="flex items-center gap-2">
              <input type="checkbox" name="confirm" required />
              Delete this update for good (statuses stay as they are)
            </label>
            <button type="submit" className={DANGER_BUTTON} disabled={deleting}>
              Delete update
            </button>
          </form>
        ) : (
          <p className="text-xs text-slate-500 dark:text-slate-400">The only update cannot be deleted; edit it instead.</p>
        )}
      </div>
    </details>
  );
}
