import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { currentOperator, hasOperators, type Operator } from '../auth/operators.ts';
import { can, type Permission } from '../auth/roles.ts';
import { getDb } from '../db/client.ts';
import { AppError } from '../errors.ts';

/** The signed-in operator; anyone else goes to the log-in (or, on a fresh install, the set-up). */
export async function requireOperator(): Promise<Operator> {
  const operator = await currentOperator(await headers());
  if (operator) return operator;
  redirect((await hasOperators(getDb())) ? '/admin/login' : '/admin/setup');
}

/** Why a role may not do something, in the words forms and read-only notices show. */
export const PERMISSION_REFUSALS: Record<Permission, string> = {
  communicate: 'Viewers cannot change anything; ask an admin for the editor role.',
  configure: 'Only owners and admins change components, page settings and API keys.',
  manageOperators: 'Only owners and admins manage operators.',
};

/** The signed-in operator, if their role allows `permission`; otherwise a 403 the form shows. */
export async function requirePermission(permission: Permission): Promise<Operator> {
  const operator = await requireOperator();
  if (!can(operator.role, permission)) throw new AppError('forbidden', PERMISSION_REFUSALS[permission]);
  return operator;
}
