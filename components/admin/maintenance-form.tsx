'use client';
import { useActionState } from 'react';
import { scheduleMaintenanceAction } from '@/lib/actions/incidents';
import { type FormState, wasChecked } from '@/lib/admin-ui/form-state';
import { BUTTON, CheckboxList, FormError, TextField } from './fields';
import { MessageField } from './message-field';
import { NotifyField } from './notify-field';

export function MaintenanceForm({ components, timeZone }: { components: { id: string; name: string }[]; timeZone: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(scheduleMaintenanceAction, {});
  const values = state.values;
  return (
    <form action={action} className="space-y-5">
      <FormError message={state.error} />
      <TextField name="name" label="Title" required maxLength={255} defaultValue={values?.name} error={state.fieldErrors?.name} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="scheduledFor" label={`Starts (${timeZone})`} type="datetime-local" required defaultValue={values?.scheduledFor} error={state.fieldErrors?.scheduledFor} />
        <TextField name="scheduledUntil" label={`Ends (${timeZone})`} type="datetime-local" required defaultValue={values?.scheduledUntil} error={state.fieldErrors?.scheduledUntil} />
      </div>
      <MessageField name="body" label="Message to visitors" rows={4} hint="Markdown. What changes for them during the window." defaultValue={values?.body} error={state.fieldErrors?.body} />
      <CheckboxList legend="Affected components" name="componentIds" options={components.map((component) => ({ value: component.id, label: component.name }))} values={values} />
      <fieldset className="space-y-1 text-sm">
        <legend className="font-medium">Automation</legend>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="autoInProgress" defaultChecked={wasChecked(values, 'autoInProgress', 'on', true)} />
          Start on its own at the start time (components go under maintenance)
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="autoCompleted" defaultChecked={wasChecked(values, 'autoCompleted', 'on', true)} />
          Complete on its own at the end time (components go back to operational)
        </label>
      </fieldset>
      <NotifyField values={values} changesComponents={false} />
      <button type="submit" className={BUTTON} disabled={pending}>
        Schedule maintenance
      </button>
    </form>
  );
}
