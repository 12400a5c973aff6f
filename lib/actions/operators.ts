'use server';
// Managing operators from /admin/operators; the rules themselves are in lib/auth/operators.ts.
import { type FormState, formChoice, formText } from '../admin-ui/form-state.ts';
import { addOperator, changeOperator, type OperatorChange } from '../auth/operators.ts';
import type { Role } from '../access/roles.ts';
import { adminAction } from './admin-action.ts';

export const addOperatorAction = adminAction('operators.manage', async (form, { db, operator }) => {
  const added = await addOperator(db, operator, {
    name: formText(form, 'name'),
    email: formText(form, 'email'),
    password: formText(form, 'password'),
    role: formChoice<Role>(form, 'role', 'viewer'),
  });
  return { notice: `Added ${added.name}. Give them their password through a safe channel.` };
});

/**
 * Role change, disable, enable or remove (the button pressed says which). The state names the
 * operator it was about: `targetId` after a success, the form's `id` among the values after a failure.
 */
export const changeOperatorAction = adminAction<FormState & { targetId?: string }>('operators.manage', async (form, { db, operator }) => {
  const targetId = formText(form, 'id');
  const notice = await changeOperator(db, operator, targetId, { kind: formChoice<OperatorChange['kind']>(form, 'kind'), role: formChoice<Role>(form, 'role') });
  return { notice, targetId };
});
