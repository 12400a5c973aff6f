import type { Metadata } from 'next';
import { AddOperatorForm } from '@/components/admin/account-forms';
import { requireOperator } from '@/lib/admin-ui/require-operator';
import { can, ROLE_LABELS, roleOf, ROLES } from '@/lib/auth/roles';
import { getDb } from '@/lib/db';

export const metadata: Metadata = { title: 'Operators' };

export default async function OperatorsPage() {
  const operator = await requireOperator();
  const users = await getDb().user.findMany({ orderBy: { createdAt: 'asc' }, select: { id: true, name: true, email: true, role: true } });
  // Only an owner makes another owner.
  const assignable = ROLES.filter((role) => role !== 'owner' || operator.role === 'owner');
  return (
    <>
      <h1 className="text-2xl font-bold">Operators</h1>
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
        {users.map((user) => (
          <li key={user.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
            <span>
              <span className="font-medium">{user.name}</span> <span className="text-slate-500 dark:text-slate-400">{user.email}</span>
            </span>
            <span>{ROLE_LABELS[roleOf(user.role)]}</span>
          </li>
        ))}
      </ul>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Editors post incidents, maintenance and component status; viewers only look; admins also manage components, settings, API
        keys and operators.
      </p>
      {can(operator.role, 'manageOperators') && (
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
