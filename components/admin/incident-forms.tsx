'use client';
import { useActionState } from 'react';
import { createIncidentAction, postUpdateAction } from '@/app/admin/actions';
import type { FormState } from '@/lib/admin-ui/form-state';
import { BUTTON, FormError, Select, TextArea, TextField } from './fields';

export interface ComponentChoice {
  id: string;
  name: string;
  /** Its status now, in words. */
  statusLabel: string;
}
type Option = { value: string; label: string };

/** Each component with "not affected" or the status it goes to with this update. */
function ComponentStatuses({ components, statusOptions, values, emptyLabel }: { components: ComponentChoice[]; statusOptions: Option[]; values?: Record<string, string>; emptyLabel: string }) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">Affected components</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {components.map((component) => (
          <label key={component.id} className="flex items-center justify-between gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm dark:border-slate-800">
            <span>
              {component.name} <span className="text-xs text-slate-500 dark:text-slate-400">({component.statusLabel})</span>
            </span>
            <select
              name={`component:${component.id}`}
              aria-label={component.name}
              defaultValue={values?.[`component:${component.id}`] ?? ''}
              className="rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
            >
              <option value="">{emptyLabel}</option>
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
      <TextArea name="body" label="Message to visitors" hint="Markdown. Say what visitors see and what they can do." defaultValue={values?.body ?? props.initial.body} error={state.fieldErrors?.body} />
      <ComponentStatuses components={props.components} statusOptions={props.componentStatusOptions} values={values} emptyLabel="Not affected" />
      <button type="submit" className={BUTTON} disabled={pending}>
        {pending ? 'Publishing…' : 'Publish incident'}
      </button>
    </form>
  );
}

export function UpdateForm(props: {
  incidentId: string;
  version: number;
  components: ComponentChoice[];
  statusOptions: Option[];
  componentStatusOptions: Option[];
  defaultStatus: string;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(postUpdateAction, {});
  const values = state.values;
  return (
    <form action={action} className="space-y-5">
      <input type="hidden" name="incidentId" value={props.incidentId} />
      <input type="hidden" name="version" value={props.version} />
      <FormError message={state.error} />
      <Select name="status" label="New status" options={props.statusOptions} defaultValue={values?.status ?? props.defaultStatus} error={state.fieldErrors?.status} />
      <TextArea name="body" label="Message to visitors" hint="Markdown." rows={5} defaultValue={values?.body} error={state.fieldErrors?.body} />
      <ComponentStatuses components={props.components} statusOptions={props.componentStatusOptions} values={values} emptyLabel="No change" />
      <button type="submit" className={BUTTON} disabled={pending}>
        {pending ? 'Posting…' : 'Post update'}
      </button>
    </form>
  );
}
