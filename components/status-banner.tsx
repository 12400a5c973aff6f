import type { Freshness } from '@/lib/read-path/read-path';
import type { Snapshot } from '@/lib/status/snapshot-types';
import { formatDateTime } from '@/lib/time';

const BANNER: Record<Snapshot['status']['indicator'], { className: string; icon: string }> = {
  none: { className: 'bg-ok', icon: '✓' },
  minor: { className: 'bg-degraded', icon: '!' },
  major: { className: 'bg-partial', icon: '!' },
  critical: { className: 'bg-major', icon: '✕' },
  maintenance: { className: 'bg-maintenance', icon: '⚒' },
};

export function StatusBanner({ snapshot, freshness }: { snapshot: Snapshot; freshness: Freshness }) {
  const style = BANNER[snapshot.status.indicator];
  return (
    <section aria-labelledby="overall-status" className="space-y-3">
      <div className={`flex items-center gap-3 rounded-lg px-5 py-4 text-on-status shadow-sm ${style.className}`}>
        <span aria-hidden="true" className="flex size-8 shrink-0 items-center justify-center rounded-full bg-white/25 text-lg font-bold">
          {style.icon}
        </span>
        <h2 id="overall-status" className="text-xl font-semibold">
          {snapshot.status.description}
        </h2>
      </div>
      {!freshness.live && <StaleNotice snapshot={snapshot} freshness={freshness} />}
    </section>
  );
}

/** Said plainly when the database cannot be reached: what is shown, and from when. */
function StaleNotice({ snapshot, freshness }: { snapshot: Snapshot; freshness: Freshness }) {
  const asOf = freshness.lastSuccessAt ?? snapshot.builtAt;
  return (
    <p role="status" className="rounded-md border border-degraded/50 bg-degraded/10 px-4 py-3 text-sm">
      <strong>Live updates are paused.</strong> This page shows the status as of{' '}
      <time dateTime={asOf}>{formatDateTime(asOf, snapshot.page.timeZone)}</time>; it will refresh on its own
      when they resume.
    </p>
  );
}
