import type { CSSProperties, ReactNode } from 'react';
import { accentForDarkMode, parseHexColor } from '@/lib/accent-color';
import type { Snapshot } from '@/lib/status/snapshot-types';
import { Timestamp } from './incident-parts';
import { MAIN_ID, SkipLink } from './skip-link';

/** The accent as CSS variables for the `.accent` rule (globals.css); none without an accent. */
function accentVariables(accentColor: string | null): CSSProperties | undefined {
  const hex = accentColor && parseHexColor(accentColor);
  if (!hex) return undefined;
  return { '--accent': hex, '--accent-dark': accentForDarkMode(hex) } as CSSProperties;
}

/** Header and footer shared by the public pages. */
export function PageShell({ snapshot, children }: { snapshot: Snapshot; children: ReactNode }) {
  const accent = accentVariables(snapshot.page.accentColor);
  return (
    <div className="flex min-h-screen flex-col" style={accent}>
      <SkipLink />
      {accent && <div aria-hidden="true" className="accent-bar h-1 shrink-0" />}
      <div className="mx-auto flex w-full max-w-3xl flex-1 flex-col px-4 py-6 sm:px-6 sm:py-10">
        <header className="mb-8 flex flex-wrap items-center justify-between gap-3">
          <a href="/" className="accent flex min-w-0 items-center gap-3 text-2xl font-bold tracking-tight">
            {snapshot.page.logoUrl && <img src={snapshot.page.logoUrl} alt="" className="h-8 w-auto max-w-40" />}
            <span>{snapshot.page.name}</span>
          </a>
          <nav aria-label="Status pages" className="flex gap-4 text-sm">
            <a href="/history" className="accent underline-offset-2 hover:underline">
              Incident history
            </a>
            <a href="/subscribe" className="accent underline-offset-2 hover:underline">
              Subscribe to updates
            </a>
            {snapshot.page.supportUrl && (
              <a href={snapshot.page.supportUrl} className="accent underline-offset-2 hover:underline">
                Contact support
              </a>
            )}
          </nav>
        </header>
        <main id={MAIN_ID} tabIndex={-1} className="flex-1 space-y-8">{children}</main>
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
    </div>
  );
}
