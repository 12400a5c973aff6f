'use client';
import { useActionState } from 'react';
import { addOperatorAction, changeOperatorAction } from '@/lib/actions/operators';
import type { FormState } from '@/lib/admin-ui/form-state';
import { BUTTON, FormError, Notice, SECONDARY_BUTTON, Select, TextField } from './fields';

type Option = { value: string; label: string };

export function AddOperatorForm({ roles }: { roles: Option[] }) {
  const [state, action, pending] = useActionState<FormState, FormData>(addOperatorAction, {});
  return (
    <form action={action} className="space-y-4" key={state.notice}>
      <Notice message={state.notice} />
      <FormError message={state.error} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="name" label="Name" required defaultValue={state.values?.name} error={state.fieldErrors?.name} />
        <TextField name="email" label="Email" type="email" required defaultValue={state.values?.email} error={state.fieldErrors?.email} />
        <TextField name="password" label="Initial password" type="password" autoComplete="new-password" required minLength={10} hint="At least 10 characters; they can change it." error={state.fieldErrors?.password} />
        <Select name="role" label="Role" options={roles} defaultValue={state.values?.role ?? 'editor'} error={state.fieldErrors?.role} />
      </div>
      <button type="submit" className={BUTTON} disabled={pending}>
        Add operator
      </button>
    </form>
  );
}

/** One operator as the list shows them, with the changes the signed-in operator may make (the page asks lib's rules). */
export interface OperatorRow {
  id: string;
  name: string;
  email: string;
  role: string;
  roleLabel: string;
  disabled: boolean;
  self: boolean;
  /** Roles they can be given, their own first; empty when their role cannot be changed. */
  roleOptions: Option[];
  canDisable: boolean;
  canEnable: boolean;
  canRemove: boolean;
}

type ChangeState = FormState & { targetId?: string };

export function OperatorList({ operators }: { operators: OperatorRow[] }) {
  const [state, action, pending] = useActionState<ChangeState, FormData>(changeOperatorAction, {});
  const message = (
    <>
      <Notice message={state.notice} />
      <FormError message={state.error ?? state.fieldErrors?.role} />
    </>
  );
  // Whom the message is about: named after a success; the form's `id` after a failure.
  const targetId = state.targetId ?? state.values?.id;
  // A removed operator's row is gone: their message goes above the list.
  const shownInRow = operators.some((operator) => operator.id === targetId);
  return (
    <div className="space-y-2">
      {!shownInRow && message}
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
        {operators.map((operator) => (
          <li key={operator.id} className="space-y-2 px-4 py-3 text-sm" aria-label={operator.name}>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="min-w-0">
                <span className="font-medium">{operator.name}</span> <span className="break-all text-slate-500 dark:text-slate-400">{operator.email}</span>
                {operator.self && <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800">you</span>}
                {operator.disabled && <span className="ml-2 rounded bg-major/10 px-1.5 py-0.5 text-xs font-medium">disabled</span>}
              </p>
              <form action={action} className="flex flex-wrap items-center gap-2">
                <input type="hidden" name="id" value={operator.id} />
                {operator.roleOptions.length > 0 ? (
                  <>
                    <label htmlFor={`role-${operator.id}`} className="sr-only">
                      Role of {operator.name}
                    </label>
                    <select id={`role-${operator.id}`} name="role" defaultValue={operator.role} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900">
                      {operator.roleOptions.map((option) => (
                        <option key={option.value} value={option.value}>
                          {option.label}
                        </option>
                      ))}
                    </select>
                    <button type="submit" name="kind" value="role" className={SECONDARY_BUTTON} disabled={pending}>
                      Change role
                    </button>
                  </>
                ) : (
                  <span>{operator.roleLabel}</span>
                )}
                {operator.canDisable && (
                  <button type="submit" name="kind" value="disable" className={SECONDARY_BUTTON} disabled={pending} aria-label={`Disable ${operator.name}`}>
                    Disable
                  </button>
                )}
                {operator.canEnable && (
                  <button type="submit" name="kind" value="enable" className={SECONDARY_BUTTON} disabled={pending} aria-label={`Enable ${operator.name}`}>
                    Enable
                  </button>
                )}
                {operator.canRemove && (
                  // The details are the confirmation step: nothing is removed by one stray click.
                  <details className="basis-full sm:basis-auto">
                    <summary className="cursor-pointer underline">Remove…</summary>
                    <div className="mt-2 space-y-2">
                      <p className="text-slate-600 dark:text-slate-400">Signs them out, deletes their account and revokes the API keys they made; the audit log keeps their name.</p>
                      <button type="submit" name="kind" value="remove" className={SECONDARY_BUTTON} disabled={pending}>
                        Remove {operator.name} now
                      </button>
                    </div>
                  </details>
                )}
              </form>
            </div>
            {shownInRow && targetId === operator.id && message}
          </li>
        ))}
      </ul>
    </div>
  );
}
