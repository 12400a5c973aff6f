'use client';
import { useActionState } from 'react';
import { changePasswordAction } from '@/lib/actions/session';
import type { FormState } from '@/lib/admin-ui/form-state';
import { BUTTON, FormError, TextField } from './fields';

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
