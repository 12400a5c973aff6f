'use client';
import { useActionState } from 'react';
import { logInAction, setUpAction } from '@/lib/actions/session';
import type { FormState } from '@/lib/admin-ui/form-state';
import { BUTTON, FormError, TextField } from './fields';

export function SetUpForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(setUpAction, {});
  return (
    <form action={action} className="space-y-4">
      <FormError message={state.error} />
      <TextField name="name" label="Your name" autoComplete="name" required defaultValue={state.values?.name} error={state.fieldErrors?.name} />
      <TextField name="email" label="Email" type="email" autoComplete="email" required defaultValue={state.values?.email} error={state.fieldErrors?.email} />
      <TextField name="password" label="Password" type="password" autoComplete="new-password" required minLength={10} hint="At least 10 characters." error={state.fieldErrors?.password} />
      <button type="submit" className={BUTTON} disabled={pending}>
        {pending ? 'Creating…' : 'Create the owner account'}
      </button>
    </form>
  );
}

export function LogInForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(logInAction, {});
  return (
    <form action={action} className="space-y-4">
      <FormError message={state.error} />
      <TextField name="email" label="Email" type="email" autoComplete="username" required defaultValue={state.values?.email} error={state.fieldErrors?.email} />
      <TextField name="password" label="Password" type="password" autoComplete="current-password" required error={state.fieldErrors?.password} />
      <button type="submit" className={BUTTON} disabled={pending}>
        {pending ? 'Logging in…' : 'Log in'}
      </button>
    </form>
  );
}
