import type { ReactNode } from 'react';
import type { Snapshot } from '@/lib/status/snapshot-types';
import { Timestamp } from './incident-parts';

/** Header and footer shared by the public pages. */
export function PageShell({ snapshot, children }: { snapshot: Snapshot; children: ReactNode }) {
  const accent = snapshot.page.accentColor ?? undefined;
  return (
    <div className="mx-auto flex min-h-screen max-w-3xl flex-col px-4 py-6 sm:px-6 sm:py-10">
      <header className="mb-8 flex flex-wrap items-center justify-between gap-3">
        <a href="/" className="flex items-center gap-3 text-2xl font-bold tracking-tight" style={{ color: accent }}>
          {snapshot.page.logoUrl && <img src={snapshot.page.logoUrl} alt="" className="h-8 w-auto" />}
          <span>{snapshot.page.name}</span>
        </a>
        <nav aria-label="Status pages" className="flex gap-4 text-sm">
          <a href="/history" className="underline-offset-2 hover:underline">
            Incident history
          </a>
          {snapshot.page.supportUrl && (
            <a href={snapshot.page.supportUrl} className="underline-offset-2 hover:underline">
              Contact support
            </a>
          )}
        </nav>
      </header>
      <main className="flex-1 space-y-8">{children}</main>
      <footer className="mt-12 flex flex-wrap justify-between gap-2 border-t border-slate-200 pt-4 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
        <p>
          Last updated <Timestamp value={snapshot.updatedAt} timeZone={snapshot.page.timeZone} />
        </p>
        <p>
          Times in {snapshot.page.timeZone} · <a href="/history.rss" className="underline">RSS</a> ·{' '}
          <a href="/embed" className="underline">Embed</a> · <a href="/api/v2/summary.json" className="underline">JSON</a> · Powered by Gatewatch
        </p>
      </footer>
    </div>
  );
}
