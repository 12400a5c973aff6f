// Pieces of the admin's subscriber pages that need no browser code.
import type { SubscriberMode } from '@/lib/notifications/subscribers';
import { STATE_LABELS } from '@/lib/admin-ui/subscriber-words';
import { MESSAGE_BOX } from './fields';

/** Said plainly at the top while there is no mail server: why nobody can subscribe by email. */
export function EmailOffNotice({ waiting }: { waiting: number }) {
  return (
    <div role="note" className={`${MESSAGE_BOX} space-y-1 border-degraded/60 bg-degraded/10`}>
      <p>
        <strong>Email subscriptions are off:</strong> set SMTP_URL to the mail server Gatewatch sends through (for example{' '}
        <code className="break-words">smtp://user:password@mail.example.com:587</code>) and restart Gatewatch. Webhooks, Slack, Discord and Teams work without it.
      </p>
      {waiting > 0 && <p>{waiting === 1 ? 'The 1 email subscriber is' : `The ${waiting} email subscribers are`} sent nothing until then.</p>}
    </div>
  );
}

/** Said at the top while the links in what is sent open only on this machine (the demo's own address, say). */
export function LocalLinksNotice({ url, setIn }: { url: string; setIn: 'PUBLIC_URL' | 'settings' }) {
  return (
    <div role="note" className={`${MESSAGE_BOX} border-degraded/60 bg-degraded/10`}>
      <p>
        <strong>The links in what subscribers are sent go to {url}</strong>, which only this machine reaches: their confirmation, unsubscribe and incident links will not
        open for them.{' '}
        {setIn === 'PUBLIC_URL' ? (
          <>Set PUBLIC_URL to the address visitors use and restart Gatewatch.</>
        ) : (
          <>
            Set the Public URL in{' '}
            <a href="/admin/settings" className="underline">
              Settings
            </a>{' '}
            to the address visitors use.
          </>
        )}
      </p>
    </div>
  );
}

/** How many subscribers are in each state and of each kind, each a link to the list of them. */
export function SubscriberCounts({ byState, byMode }: { byState: { state: keyof typeof STATE_LABELS; count: number }[]; byMode: { mode: SubscriberMode; label: string; count: number }[] }) {
  const box = 'block rounded-lg border border-slate-200 bg-white p-3 hover:border-slate-400 dark:border-slate-800 dark:bg-slate-900 dark:hover:border-slate-600';
  return (
    <section aria-labelledby="counts" className="space-y-2">
      <h2 id="counts" className="sr-only">
        How many
      </h2>
      <ul className="grid grid-cols-3 gap-2 sm:gap-3">
        {byState.map(({ state, count }) => (
          <li key={state}>
            <a href={`/admin/subscribers?state=${state}`} className={box}>
              <span className="block text-xl font-semibold tabular-nums">{count}</span>
              <span className="block text-xs text-slate-600 dark:text-slate-400">{STATE_LABELS[state]}</span>
            </a>
          </li>
        ))}
      </ul>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label="By kind">
        {byMode.map(({ mode, label, count }) => (
          <li key={mode}>
            <a href={`/admin/subscribers?mode=${mode}`} className="underline-offset-2 hover:underline">
              {label}: <span className="tabular-nums">{count}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
