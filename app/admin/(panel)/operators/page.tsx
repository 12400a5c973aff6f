import type { Metadata } from 'next';
import { ReadOnlyNotice } from '@/components/admin/read-only-notice';
import { AddOperatorForm, OperatorList, type OperatorRow } from '@/components/admin/operator-forms';
import { requireOperator } from '@/lib/admin-ui/require-operator';
import { operatorChangeRefusal, type OperatorChange } from '@/lib/auth/operators';
import { can } from '@/lib/access/permissions';
import { ROLE_LABELS, roleOf, ROLES } from '@/lib/access/roles';
import { getDb } from '@/lib/db/client';

export const metadata: Metadata = { title: 'Operators' };

export default async function OperatorsPage() {
  const operator = await requireOperator();
  const manage = can(operator.role, 'operators.manage');
  const users = await getDb().user.findMany({ orderBy: { createdAt: 'asc' }, select: { id: true, name: true, email: true, role: true, banned: true } });
  const activeOwners = users.filter((user) => user.role === 'owner' && !user.banned).length;
  const rows: OperatorRow[] = users.map((user) => {
    const target = { id: user.id, role: roleOf(user.role), disabled: user.banned === true };
    // Offer only what lib's rules allow; the action asks them again.
    const allowed = (change: OperatorChange) => manage && operatorChangeRefusal(operator, target, change, activeOwners) === null;
    const roles = ROLES.filter((role) => role !== target.role && allowed({ kind: 'role', role }));
    return {
      id: user.id,
      name: user.name,
      email: user.email,
      role: target.role,
      roleLabel: ROLE_LABELS[target.role],
      disabled: target.disabled,
      self: user.id === operator.id,
      roleOptions: roles.length ? [target.role, ...roles].map((role) => ({ value: role, label: ROLE_LABELS[role] })) : [],
      canDisable: !target.disabled && allowed({ kind: 'disable' }),
      canEnable: target.disabled && allowed({ kind: 'enable' }),
      canRemove: allowed({ kind: 'remove' }),
    };
  });
  // Only an owner makes another owner.
  const assignable = ROLES.filter((role) => role !== 'owner' || operator.role === 'owner');
  return (
    <>
      <h1 className="text-2xl font-bold">Operators</h1>
      {!manage && <ReadOnlyNotice permission="operators.manage" />}
      <OperatorList operators={rows} />
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Editors post incidents, maintenance and component status; viewers only look; admins also manage components, settings, API
        keys and operators; only owners manage owners, and there is always at least one active owner. Disabling or removing an
        operator signs them out at once.
      </p>
      {manage && (
        <section aria-labelledby="add" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
          <h2 id="add" className="text-lg font-semibold">
            Add an operator
          </h2>
          <AddOperatorForm roles={assignable.map((role) => ({ value: role, label: ROLE_LABELS[role] }))} />
        </section>
      )}
    </>
  );
}
