// Form pieces shared by the admin forms: labelled, with their error tied to them for screen readers.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { type FormState, wasChecked } from '@/lib/admin-ui/form-state';
import { FormMessage } from './form-message';

export const CONTROL =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-600 dark:border-slate-700 dark:bg-slate-900';

/** `name` here is the control's id (the field's name unless two forms on a page share one). */
export function Field({ name, label, error, children, hint }: { name: string; label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {hint && !error && <p id={`${name}-hint`} className="mt-1 text-xs text-slate-500 dark:text-slate-400">{hint}</p>}
      {error && (
        <p id={`${name}-error`} className="mt-1 text-sm text-major">
          {error}
        </p>
      )}
    </div>
  );
}

export const described = (name: string, error?: string, hint?: string) => (error ? `${name}-error` : hint ? `${name}-hint` : undefined);

export function TextField({ name, id = name, label, error, hint, ...props }: { name: string; label: string; error?: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field name={id} label={label} error={error} hint={hint}>
      <input id={id} name={name} className={CONTROL} aria-invalid={error ? true : undefined} aria-describedby={described(id, error, hint)} {...props} />
    </Field>
  );
}

export function TextArea({ name, id = name, label, error, hint, ...props }: { name: string; label: string; error?: string; hint?: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Field name={id} label={label} error={error} hint={hint}>
      <textarea id={id} name={name} rows={8} className={CONTROL} aria-invalid={error ? true : undefined} aria-describedby={described(id, error, hint)} {...props} />
    </Field>
  );
}

export function Select({ name, id = name, label, error, hint, options, ...props }: { name: string; label: string; error?: string; hint?: string; options: { value: string; label: string }[] } & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Field name={id} label={label} error={error} hint={hint}>
      {/* Keyed on its default: React's reset after a form action would otherwise bring back the first one. */}
      <select key={String(props.defaultValue ?? '')} id={id} name={name} className={CONTROL} aria-invalid={error ? true : undefined} aria-describedby={described(id, error, hint)} {...props}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A checkbox with its label beside it and a hint under the label. */
export function Checkbox({ id, name, label, hint, defaultChecked }: { id: string; name: string; label: string; hint?: string; defaultChecked: boolean }) {
  return (
    <div className="flex items-start gap-2">
      <input id={id} name={name} type="checkbox" defaultChecked={defaultChecked} className="mt-1 size-4" aria-describedby={hint ? `${id}-hint` : undefined} />
      <div>
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        {hint && (
          <p id={`${id}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}

/** Ticked choices of one field (components, say), in columns; after a refused submit, as they were ticked. */
export function CheckboxList({ legend, hint, name, options, values }: { legend: string; hint?: string; name: string; options: { value: string; label: string }[]; values?: Record<string, string> }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium">{legend}</legend>
      {hint && <p className="text-xs text-slate-500 dark:text-slate-400">{hint}</p>}
      <div className="mt-1 grid gap-1 sm:grid-cols-3">
        {options.map((option) => (
          <label key={option.value} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name={name} value={option.value} defaultChecked={wasChecked(values, name, option.value, false)} />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The box every message to the operator sits in; its colours say what kind. */
export const MESSAGE_BOX = 'rounded-md border px-3 py-2 text-sm';

/**
 * Success, said in words; `children` show more than the words (`message` still says when it is
 * new). Like FormError, it takes the focus when it arrives.
 */
export function Notice({ message, children }: { message?: string; children?: ReactNode }) {
  return (
    <FormMessage message={message} role="status" className={`${MESSAGE_BOX} border-ok/50 bg-ok/10`}>
      {children}
    </FormMessage>
  );
}

/** What an edit form showed when it was loaded, as its fields submit it (see changedFormFields). */
export function ShownValues({ values }: { values: Record<string, string> }) {
  return Object.entries(values).map(([name, value]) => <input key={name} type="hidden" name={`shown:${name}`} value={value} />);
}

/** What stopped a submit, said in words; it takes the focus when it arrives. */
export function FormError({ message }: { message?: string }) {
  return <FormMessage message={message} role="alert" className={`${MESSAGE_BOX} border-major/40 bg-major/10`} />;
}

/** A form's outcome: what went wrong, or that it worked. */
export function FormOutcome({ state }: { state: FormState }) {
  return state.error ? <FormError message={state.error} /> : <Notice message={state.notice} />;
}

export const BUTTON =
  'inline-flex items-center justify-center rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:opacity-60 dark:bg-slate-100 dark:text-slate-900 dark:hover:bg-slate-300';
/** For a button that deletes something for good. */
export const DANGER_BUTTON =
  'rounded-md border border-major px-3 py-1.5 text-sm font-medium text-major hover:bg-major/10 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:opacity-60';
export const SECONDARY_BUTTON =
  'inline-flex items-center justify-center rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:border-slate-700 dark:hover:bg-slate-800';
