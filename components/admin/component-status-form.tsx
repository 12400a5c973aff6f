'use client';
import { useActionState } from 'react';
import { setComponentStatusAction } from '@/lib/actions/components';
import type { FormState } from '@/lib/admin-ui/form-state';
import { COMPONENT_STATUS_OPTIONS, type ComponentStatus } from '@/lib/schemas/status';
import { FormOutcome, SECONDARY_BUTTON } from './fields';

/** A component's status from the dashboard: pick one, Set. What happened shows under it and takes the focus. */
export function ComponentStatusForm({ id, name, status }: { id: string; name: string; status: ComponentStatus }) {
  const [state, action] = useActionState<FormState, FormData>(setComponentStatusAction, {});
  return (
    <form action={action} className="flex w-full flex-wrap items-center gap-2 sm:w-auto" aria-label={`Set the status of ${name}`}>
      <input type="hidden" name="componentId" value={id} />
      <label htmlFor={`status-${id}`} className="sr-only">
        New status of {name}
      </label>
      {/* Keyed on the status now: after a change, the list shows the new one. */}
      <select
        key={status}
        id={`status-${id}`}
        name="status"
        defaultValue={status}
        className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900 sm:flex-none"
      >
        {COMPONENT_STATUS_OPTIONS.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <button type="submit" className={SECONDARY_BUTTON}>
        Set<span className="sr-only"> the status of {name}</span>
      </button>
      <div className="basis-full empty:hidden">
        <FormOutcome state={state} />
      </div>
    </form>
  );
}
