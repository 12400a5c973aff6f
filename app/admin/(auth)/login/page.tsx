import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { LogInForm } from '@/components/admin/auth-forms';
import { currentOperator, hasOperators } from '@/lib/auth/operators';
import { getDb } from '@/lib/db/client';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Log in · Gatewatch' };

export default async function LogInPage() {
  if (!(await hasOperators(getDb()))) redirect('/admin/setup');
  if (await currentOperator(await headers())) redirect('/admin');
  return (
    <>
      <h1 className="mb-6 text-2xl font-bold">Log in to Gatewatch</h1>
      <LogInForm />
    </>
  );
}
