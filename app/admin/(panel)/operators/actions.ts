'use server';
// Managing operators from /admin/operators; the rules themselves are in lib/auth/operators.ts.
import { revalidatePath } from 'next/cache';
import { type FormState, formText, toFormState } from '@/lib/admin-ui/form-state';
import { requirePermission } from '@/lib/admin-ui/require-operator';
import { addOperator, changeOperator } from '@/lib/auth/operators';
import { getDb } from '@/lib/db/client';

export async function addOperatorAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const operator = await requirePermission('manageOperators');
    const added = await addOperator(getDb(), operator, {
      name: formText(form, 'name'),
      email: formText(form, 'email'),
      password: formText(form, 'password'),
      role: String(form.get('role') ?? 'viewer') as never,
    });
    revalidatePath('/admin/operators');
    return { notice: `Added ${added.name}. Give them their password through a safe channel.` };
  } catch (error) {
    return toFormState(error, form);
  }
}

/** Role change, disable, enable or remove (the button pressed says which); the state names the operator it was about. */
export async function changeOperatorAction(_state: FormState & { targetId?: string }, form: FormData): Promise<FormState & { targetId?: string }> {
  const targetId = formText(form, 'id');
  try {
    const operator = await requirePermission('manageOperators');
    const notice = await changeOperator(getDb(), operator, targetId, { kind: formText(form, 'kind') as never, role: formText(form, 'role') as never });
    revalidatePath('/admin/operators');
    return { notice, targetId };
  } catch (error) {
    return { ...toFormState(error, form), targetId };
  }
}
