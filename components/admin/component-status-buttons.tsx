'use client';
import { useActionState } from 'react';
import { setComponentStatusAction } from '@/app/admin/actions';
import type { FormState } from '@/lib/admin-ui/form-state';
import { COMPONENT_STATUS_LABELS, componentStatusSchema, type ComponentStatus } from '@/lib/schemas/status';

/** One click sets a component's status; a refusal (role, or deleted meanwhile) shows beside the buttons. */
export function ComponentStatusButtons({ id, name, status }: { id: string; name: string; status: ComponentStatus }) {
  const [state, action] = useActionState<FormState, FormData>(setComponentStatusAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-1" aria-label={`Set the status of ${name}`}>
      <input type="hidden" name="componentId" value={id} />
      {componentStatusSchema.options.map((option) => (
        <button
          key={option}
          type="submit"
          name="status"
          value={option}
          aria-pressed={status === option}
          disabled={status === option}
          className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600 disabled:border-slate-900 disabled:bg-slate-900 disabled:text-white dark:border-slate-700 dark:hover:bg-slate-800 dark:disabled:bg-slate-100 dark:disabled:text-slate-900"
        >
          {COMPONENT_STATUS_LABELS[option]}
        </button>
      ))}
      {state.error && (
        <p role="alert" className="w-full text-xs text-major">
          {state.error}
        </p>
      )}
    </form>
  );
}
