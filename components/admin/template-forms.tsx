'use client';
import { useActionState } from 'react';
import { deleteTemplateAction, saveTemplateAction } from '@/lib/actions/templates';
import type { FormState } from '@/lib/admin-ui/form-state';
import type { IncidentTemplate } from '@/lib/incidents/templates';
import { BUTTON, FormError, Notice, Select, SECONDARY_BUTTON, TextField } from './fields';
import { MessageField } from './message-field';

type Option = { value: string; label: string };

/**
 * A new template (starting from `start`, e.g. a copy of a built-in one), or one of the operators'
 * own to edit (with `id`) or delete.
 */
export function TemplateForm({ id, start, statusOptions, impactOptions }: { id?: string; start?: Omit<IncidentTemplate, 'id' | 'builtIn'>; statusOptions: Option[]; impactOptions: Option[] }) {
  const [state, action, pending] = useActionState<FormState, FormData>(saveTemplateAction, {});
  const [removal, remove, removing] = useActionState<FormState, FormData>(deleteTemplateAction, {});
  const values = state.error ? state.values : undefined;
  const prefix = id ?? 'new';
  return (
    <div className="space-y-3">
      <form action={action} className="space-y-4" key={id ? undefined : state.notice}>
        {id && <input type="hidden" name="id" value={id} />}
        <FormError message={state.error} />
        <Notice message={state.notice} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField id={`${prefix}-title`} name="title" label="Template name" required maxLength={60} hint="What the button says." defaultValue={values?.title ?? start?.title} error={state.fieldErrors?.title} />
          <TextField id={`${prefix}-name`} name="name" label="Incident title" required maxLength={255} defaultValue={values?.name ?? start?.name} error={state.fieldErrors?.name} />
          <Select id={`${prefix}-status`} name="status" label="Status" options={statusOptions} defaultValue={values?.status ?? start?.status ?? 'investigating'} error={state.fieldErrors?.status} />
          <Select id={`${prefix}-impact`} name="impact" label="Impact" options={impactOptions} defaultValue={values?.impact ?? start?.impact ?? 'minor'} error={state.fieldErrors?.impact} />
        </div>
        <MessageField id={`${prefix}-body`} name="body" label="Message to visitors" rows={6} hint="Markdown." defaultValue={values?.body ?? start?.body} error={state.fieldErrors?.body} />
        <button type="submit" className={BUTTON} disabled={pending}>
          {id ? 'Save template' : 'Add template'}
        </button>
      </form>
      {id && (
        <form action={remove} className="flex flex-wrap items-center gap-3">
          <input type="hidden" name="id" value={id} />
          <FormError message={removal.error} />
          <button type="submit" className={SECONDARY_BUTTON} disabled={removing}>
            Delete template
          </button>
        </form>
      )}
    </div>
  );
}
