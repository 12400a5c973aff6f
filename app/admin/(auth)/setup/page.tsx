import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SetUpForm } from '@/components/admin/auth-forms';
import { hasOperators } from '@/lib/auth/operators';
import { getDb } from '@/lib/db/client';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Set up Gatewatch' };

export default async function SetUpPage() {
  if (await hasOperators(getDb())) redirect('/admin/login');
  return (
    <>
      <h1 className="text-2xl font-bold">Set up Gatewatch</h1>
      <p className="mt-2 mb-6 text-sm text-slate-600 dark:text-slate-400">
        Create the owner account. You can add other operators afterwards.
      </p>
      <SetUpForm />
    </>
  );
}
