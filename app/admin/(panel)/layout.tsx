import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { logOutAction } from '@/lib/actions/session';
import { AdminNav } from '@/components/admin/admin-nav';
import { SECONDARY_BUTTON } from '@/components/admin/fields';
import { FocusAfterSubmit } from '@/components/admin/form-message';
import { MAIN_ID, SkipLink } from '@/components/skip-link';
import { requireOperator } from '@/lib/admin-ui/require-operator';
import { can } from '@/lib/access/permissions';
import { ROLE_LABELS } from '@/lib/access/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: { template: '%s · Gatewatch admin', default: 'Gatewatch admin' }, robots: { index: false } };

export default async function PanelLayout({ children }: { children: ReactNode }) {
  const operator = await requireOperator();
  return (
    <div className="mx-auto max-w-5xl px-4 py-6 sm:px-6">
      <SkipLink />
      <FocusAfterSubmit />
      <header className="mb-8 space-y-3 border-b border-slate-200 pb-4 dark:border-slate-800">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <a href="/admin" className="text-lg font-bold">
            Gatewatch admin
          </a>
          <form action={logOutAction} className="flex flex-wrap items-center gap-3 text-sm">
            <a href="/" className="hover:underline">
              Public page ↗
            </a>
            <a href="/admin/account" className="hover:underline">
              {operator.name} · {ROLE_LABELS[operator.role]}
            </a>
            <button type="submit" className={SECONDARY_BUTTON}>
              Log out
            </button>
          </form>
        </div>
        <AdminNav
          links={[
            { href: '/admin', label: 'Dashboard' },
            { href: '/admin/incidents', label: 'Incidents' },
            // Roles that cannot post do not get links to forms they could not submit.
            ...(can(operator.role, 'incidents.write')
              ? [
                  { href: '/admin/incidents/new', label: 'New incident' },
                  { href: '/admin/maintenance/new', label: 'Schedule maintenance' },
                  { href: '/admin/templates', label: 'Templates' },
                ]
              : []),
            { href: '/admin/components', label: 'Components' },
            { href: '/admin/monitors', label: 'Monitors' },
            { href: '/admin/error-pages', label: 'Error pages' },
            // Subscribers' addresses are personal data: only roles that manage them see them.
            ...(can(operator.role, 'subscribers.manage') ? [{ href: '/admin/subscribers', label: 'Subscribers' }] : []),
            { href: '/admin/api-keys', label: 'API keys' },
            { href: '/admin/audit', label: 'Audit log' },
            { href: '/admin/operators', label: 'Operators' },
            { href: '/admin/settings', label: 'Settings' },
          ]}
        />
      </header>
      <main id={MAIN_ID} tabIndex={-1} className="space-y-8">{children}</main>
    </div>
  );
}
