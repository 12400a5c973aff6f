import type { ReactNode } from 'react';
import type { Snapshot, SnapshotIncident, SnapshotUpdate } from '@/lib/status/snapshot-types';
import type { Impact } from '@/lib/schemas/status';
import { timelineStatusLabel } from '@/lib/status/incident-state';
import { formatDateTime } from '@/lib/time';
import { UpdateBody } from './update-body';

const IMPACT_STYLE: Record<Impact, { label: string; className: string }> = {
  none: { label: 'No impact', className: 'border-slate-300 text-slate-600 dark:text-slate-300' },
  minor: { label: 'Minor', className: 'border-degraded text-degraded' },
  major: { label: 'Major', className: 'border-partial text-partial' },
  critical: { label: 'Critical', className: 'border-major text-major' },
  maintenance: { label: 'Maintenance', className: 'border-maintenance text-maintenance' },
};

/** The impact; a maintenance called off says so instead. */
const CANCELLED_STYLE = { label: 'Cancelled', className: 'border-slate-300 text-slate-600 line-through dark:text-slate-300' };

export function ImpactBadge({ impact, cancelled = false }: { impact: Impact; cancelled?: boolean }) {
  const style = cancelled ? CANCELLED_STYLE : IMPACT_STYLE[impact];
  return (
    <span className={`inline-block rounded border px-1.5 py-0.5 text-xs font-semibold uppercase tracking-wide ${style.className}`}>
      {style.label}
    </span>
  );
}

export function Timestamp({ value, timeZone }: { value: string; timeZone: string }) {
  return <time dateTime={value}>{formatDateTime(value, timeZone)}</time>;
}

/** One update: its status word, the sanitized body, and when it was posted. */
export function UpdateEntry({ update, timeZone, cancelledAt }: { update: SnapshotUpdate; timeZone: string; cancelledAt?: string | null }) {
  return (
    <div className="space-y-1">
      <p className="text-sm">
        <strong className="font-semibold">{timelineStatusLabel(update, cancelledAt)}</strong>
        <span className="text-slate-500 dark:text-slate-400">
          {' · '}
          <Timestamp value={update.displayAt} timeZone={timeZone} />
        </span>
      </p>
      {update.body && <UpdateBody html={update.bodyHtml} />}
    </div>
  );
}

/** An incident's updates, newest first, on its public page and in the admin (with `actions` under each). */
export function UpdateTimeline({
  headingId,
  updates,
  timeZone,
  cancelledAt,
  actions,
}: {
  headingId: string;
  updates: SnapshotUpdate[];
  timeZone: string;
  cancelledAt?: string | null;
  actions?: (update: SnapshotUpdate) => ReactNode;
}) {
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-lg font-semibold">
        Updates
      </h2>
      <ol className="space-y-5 border-l-2 border-slate-200 pl-5 dark:border-slate-800">
        {updates.map((update) => (
          <li key={update.id}>
            <UpdateEntry update={update} timeZone={timeZone} cancelledAt={cancelledAt} />
            {actions?.(update)}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** An incident on the front page or in the history: its name, impact and latest update. */
export function IncidentSummary({ incident, snapshot, headingLevel = 3 }: { incident: SnapshotIncident; snapshot: Snapshot; headingLevel?: 3 | 4 }) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const latest = incident.updates[0];
  return (
    <article className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <Heading className="font-semibold">
          <a href={`/incidents/${incident.id}`} className="underline-offset-2 hover:underline">
            {incident.name}
          </a>
        </Heading>
        <ImpactBadge impact={incident.impact} cancelled={Boolean(incident.cancelledAt)} />
      </div>
      {incident.kind === 'maintenance' && incident.scheduledFor && (
        <p className="text-sm text-slate-600 dark:text-slate-300">
          {incident.cancelledAt ? 'Cancelled; was scheduled for' : 'Scheduled for'} <Timestamp value={incident.scheduledFor} timeZone={snapshot.page.timeZone} />
          {incident.scheduledUntil && (
            <>
              {' '}until <Timestamp value={incident.scheduledUntil} timeZone={snapshot.page.timeZone} />
            </>
          )}
        </p>
      )}
      {latest && <UpdateEntry update={latest} timeZone={snapshot.page.timeZone} cancelledAt={incident.cancelledAt} />}
    </article>
  );
}
