import { notFound } from 'next/navigation';
import { ZodError } from 'zod';
import { asAppError } from '../errors.ts';
import { formIssueSentence } from '../schemas/issue-messages.ts';

/** What a form shows after a failed submit: one message, per-field messages, what was typed. */
export interface FormState {
  /** Success, said in words. */
  notice?: string;
  error?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
  /** The action wrote even though it reports a failure (a check that failed is still recorded). */
  wrote?: boolean;
}

/** A field as typed; absent is empty. */
export const formText = (form: FormData, name: string) => String(form.get(name) ?? '');

/**
 * A choice (a select, a radio, a hidden field) typed as the verb takes it; the verb's own zod schema
 * checks the value, so a crafted one is refused there. Absent: `fallback`, if given.
 */
export const formChoice = <T extends string>(form: FormData, name: string, fallback?: T) => (form.has(name) ? formText(form, name) : (fallback ?? '')) as T;

/** The values of a repeated field (checkboxes), in order. */
export const formList = (form: FormData, name: string) => form.getAll(name).map(String);

/**
 * Of `fields`, only those the operator changed, compared with what the form showed (its `shown:`
 * fields, from ShownValues): what someone else changed meanwhile is not put back.
 */
export function changedFormFields<T extends Record<string, unknown>>(form: FormData, fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([name]) => form.get(`shown:${name}`) !== formText(form, name))) as Partial<T>;
}

/**
 * The form's fields as strings, a repeated field's values joined by newlines (checkbox lists);
 * passwords left out, so they are never sent back to the page.
 */
export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of form) {
    if (typeof value !== 'string' || /password/i.test(name)) continue;
    values[name] = name in values ? `${values[name]}\n${value}` : value;
  }
  return values;
}

/** After a failed submit, whether a checkbox was ticked; on a fresh form, its default. */
export function wasChecked(values: Record<string, string> | undefined, name: string, value: string, byDefault: boolean): boolean {
  if (!values) return byDefault;
  return (values[name] ?? '').split('\n').includes(value);
}

/**
 * A validation or rule error, or the database being busy or away, as form state; anything else is a
 * bug. Every action's failure comes here, so a crafted post whose argument is no form at all (our
 * pages always send one) ends here too, as Next's 404 rather than a 500.
 */
export function toFormState(error: unknown, form: FormData): FormState {
  if (!(form instanceof FormData)) notFound();
  if (error instanceof ZodError) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of error.issues) fieldErrors[String(issue.path[0] ?? 'form')] ??= formIssueSentence(issue);
    const sentences = Object.values(fieldErrors);
    return { error: sentences.length === 1 ? sentences[0] : `${sentences.length} fields need a change: ${sentences.join(' ')}`, fieldErrors, values: formValues(form) };
  }
  const known = asAppError(error);
  if (known) return { error: known.message, values: formValues(form) };
  throw error;
}
