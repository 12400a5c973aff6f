import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { PageSettingsForm, type PageSettingsValues } from '@/components/admin/page-settings-form';
import { requireOperator } from '@/lib/admin-ui/require-operator';
import { can } from '@/lib/access/permissions';
import { getDb } from '@/lib/db/client';
import { findPage } from '@/lib/page/page-settings';
import { DEFAULT_PAGE } from '@/lib/status/page-rows';
import { timeZoneNames } from '@/lib/time';

export const metadata: Metadata = { title: 'Page settings' };

export default async function SettingsPage() {
  const operator = await requireOperator();
  const page = await findPage(getDb());
  const settings: PageSettingsValues = {
    name: page?.name ?? DEFAULT_PAGE.name,
    url: page?.url ?? DEFAULT_PAGE.url,
    timeZone: page?.timeZone ?? DEFAULT_PAGE.timeZone,
    supportUrl: page?.supportUrl ?? '',
    logoUrl: page?.logoUrl ?? '',
    accentColor: page?.accentColor ?? '',
  };
  return (
    <>
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">Page settings</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          What visitors see at the top of the <a href="/" className="underline">public page</a> and in the JSON API.
        </p>
      </div>
      {can(operator.role, 'page.configure') ? (
        <section aria-label="Change the page settings" className="rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
          <PageSettingsForm settings={settings} timeZones={timeZoneNames()} version={page?.updatedAt.toISOString() ?? 'none'} />
        </section>
      ) : (
        <ReadOnlySettings settings={settings} />
      )}
    </>
  );
}

/** For editors and viewers: the settings, and who can change them. */
function ReadOnlySettings({ settings }: { settings: PageSettingsValues }) {
  const rows: [string, ReactNode][] = [
    ['Page name', settings.name],
    ['Public URL', settings.url],
    ['Time zone', settings.timeZone],
    ['Support link', settings.supportUrl || 'none'],
    ['Logo', settings.logoUrl || 'none'],
    [
      'Accent colour',
      settings.accentColor ? (
        <span className="inline-flex items-center gap-2">
          <span aria-hidden="true" className="inline-block size-4 rounded border border-slate-300 dark:border-slate-700" style={{ background: settings.accentColor }} />
          <code>{settings.accentColor}</code>
        </span>
      ) : (
        'none'
      ),
    ],
  ];
  return (
    <section aria-label="Page settings" className="space-y-3">
      <dl className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
        {rows.map(([label, value]) => (
          <div key={label} className="grid gap-1 px-4 py-3 sm:grid-cols-[10rem_minmax(0,1fr)]">
            <dt className="font-medium">{label}</dt>
            <dd className="break-words text-slate-700 dark:text-slate-300">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-slate-600 dark:text-slate-400">Only owners and admins change the page settings.</p>
    </section>
  );
}
