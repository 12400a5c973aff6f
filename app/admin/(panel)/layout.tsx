import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { logOutAction } from '@/app/admin/actions';
import { SECONDARY_BUTTON } from '@/components/admin/fields';
import { requireOperator } from '@/lib/admin-ui/require-operator';
import { can, ROLE_LABELS } from '@/lib/auth/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: { template: '%s · Gatewatch admin', default: 'Gatewatch admin' }, robots: { index: false } };

export default async function PanelLayout({ children }: { children: ReactNode }) {
  const operator = await requireOperator();
  return (
    <div className="mx-auto max-w-5xl px-4 py-6 sm:px-6">
      <header className="mb-8 flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 pb-4 dark:border-slate-800">
        <nav aria-label="Admin" className="flex flex-wrap items-center gap-x-3 gap-y-2 text-sm">
          <a href="/admin" className="text-lg font-bold">
            Gatewatch admin
          </a>
          <a href="/admin" className="hover:underline">Dashboard</a>
          {can(operator.role, 'communicate') && (
            <>
              <a href="/admin/incidents/new" className="hover:underline">New incident</a>
              <a href="/admin/maintenance/new" className="hover:underline">Schedule maintenance</a>
            </>
          )}
          <a href="/admin/components" className="hover:underline">Components</a>
          <a href="/admin/api-keys" className="hover:underline">API keys</a>
          <a href="/admin/audit" className="hover:underline">Audit log</a>
          <a href="/admin/operators" className="hover:underline">Operators</a>
          <a href="/admin/settings" className="hover:underline">Settings</a>
          <a href="/" className="hover:underline">Public page ↗</a>
        </nav>
        <form action={logOutAction} className="flex items-center gap-3 text-sm">
          <a href="/admin/account" className="hover:underline">
            {operator.name} · {ROLE_LABELS[operator.role]}
          </a>
          <button type="submit" className={SECONDARY_BUTTON}>
            Log out
          </button>
        </form>
      </header>
      <main className="space-y-8">{children}</main>
    </div>
  );
}
