import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/admin/account-forms';
import { Notice } from '@/components/admin/fields';
import { requireOperator } from '@/lib/admin-ui/require-operator';
import { ROLE_LABELS } from '@/lib/access/roles';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ password?: string }> }) {
  const operator = await requireOperator();
  const changed = (await searchParams).password === 'changed';
  return (
    <>
      <h1 className="text-2xl font-bold">Your account</h1>
      <p className="text-sm">
        {operator.name} · {operator.email} · {ROLE_LABELS[operator.role]}
      </p>
      <section aria-labelledby="password" className="space-y-4">
        <h2 id="password" className="text-lg font-semibold">
          Change your password
        </h2>
        <div className="max-w-sm">
          <Notice message={changed ? 'Your password is changed; your other sessions were logged out.' : undefined} />
        </div>
        <ChangePasswordForm />
      </section>
    </>
  );
}
