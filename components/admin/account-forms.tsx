'use client';
import { useActionState } from 'react';
import { addOperatorAction, changePasswordAction } from '@/app/admin/actions';
import type { FormState } from '@/lib/admin-ui/form-state';
import { BUTTON, FormError, Notice, Select, TextField } from './fields';

export function AddOperatorForm({ roles }: { roles: { value: string; label: string }[] }) {
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

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(changePasswordAction, {});
  return (
    <form action={action} className="max-w-sm space-y-4">
      <FormError message={state.error} />
      <TextField name="currentPassword" label="Current password" type="password" autoComplete="current-password" required error={state.fieldErrors?.currentPassword} />
      <TextField name="newPassword" label="New password" type="password" autoComplete="new-password" required minLength={10} hint="At least 10 characters." error={state.fieldErrors?.newPassword} />
      <button type="submit" className={BUTTON} disabled={pending}>
        Change password
      </button>
    </form>
  );
}
