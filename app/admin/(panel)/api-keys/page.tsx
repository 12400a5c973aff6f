import type { Metadata } from 'next';
import { ApiKeyForm, RevokeApiKeyForm } from '@/components/admin/api-key-form';
import { ReadOnlyNotice } from '@/components/admin/read-only-notice';
import { pageTimeZone } from '@/lib/admin-ui/form-times';
import { requireOperator } from '@/lib/admin-ui/require-operator';
import { listApiKeys } from '@/lib/api-keys/api-keys';
import { can } from '@/lib/access/permissions';
import { getDb } from '@/lib/db/client';
import { formatDateTime } from '@/lib/time';

export const metadata: Metadata = { title: 'API keys' };


export default async function ApiKeysPage() {
  const operator = await requireOperator();
  const manage = can(operator.role, 'api_keys.manage');
  const [keys, timeZone] = await Promise.all([listApiKeys(getDb()), pageTimeZone(getDb())]);
  const when = (date: Date | null) => (date ? <time dateTime={date.toISOString()}>{formatDateTime(date, timeZone)}</time> : 'never');
  return (
    <>
      <h1 className="text-2xl font-bold">API keys</h1>
      <p className="text-sm">
        For scripts and integrations: see the <a href="/docs/api" className="underline">API reference</a>.
      </p>
      {!manage && <ReadOnlyNotice permission="api_keys.manage" />}
      {manage && (
        <section aria-labelledby="new-key" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
          <h2 id="new-key" className="text-lg font-semibold">New key</h2>
          <ApiKeyForm />
        </section>
      )}
      <section aria-labelledby="keys" className="space-y-3">
        <h2 id="keys" className="text-lg font-semibold">Keys</h2>
        {keys.length > 0 && <p className="text-sm text-slate-600 dark:text-slate-400">Times in {timeZone}.</p>}
        {keys.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">No keys yet.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
            {keys.map((key) => (
              <li key={key.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
                <div>
                  <p className="font-medium">
                    {key.name} <code className="text-xs text-slate-500">{key.prefix}…</code>
                  </p>
                  <p className="text-slate-600 dark:text-slate-400">
                    {key.scopes.join(', ')} · created {when(key.createdAt)} · last used {when(key.lastUsedAt)}
                    {key.revokedAt && <> · <strong>revoked {when(key.revokedAt)}</strong></>}
                  </p>
                </div>
                {manage && !key.revokedAt && (
                  <RevokeApiKeyForm id={key.id} name={key.name} />
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
