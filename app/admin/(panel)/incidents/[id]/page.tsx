import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { UpdateEditor, UpdateForm } from '@/components/admin/incident-forms';
import { ReadOnlyNotice } from '@/components/admin/read-only-notice';
import { RemovalNotice } from '@/components/admin/removal-notice';
import { UpdateTimeline } from '@/components/incident-parts';
import { requireOperator } from '@/lib/admin-ui/require-operator';
import { can } from '@/lib/auth/roles';
import { previewMessage } from '@/lib/markdown';
import { getDb } from '@/lib/db';
import { allowedNextStatuses, suggestedNextStatus } from '@/lib/incidents/transitions';
import { COMPONENT_STATUS_LABELS, COMPONENT_STATUS_OPTIONS, UPDATE_STATUS_LABELS, type IncidentKind, type IncidentStatus } from '@/lib/schemas/status';
import { buildSnapshot } from '@/lib/status/build-snapshot';
import { instantToWallClock } from '@/lib/time';

export const metadata: Metadata = { title: 'Incident' };

export default async function AdminIncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const operator = await requireOperator();
  const db = getDb();
  const row = await db.incident.findUnique({ where: { id }, select: { version: true, kind: true, status: true } });
  if (!row) notFound();
  const snapshot = await buildSnapshot(db);
  const incident = [...snapshot.incidents, ...snapshot.maintenances].find((candidate) => candidate.id === id)!;
  const editable = can(operator.role, 'communicate');
  const next = allowedNextStatuses(row.kind as IncidentKind, row.status as IncidentStatus);
  // The operator can pick any allowed status; the next step of the lifecycle comes first.
  const suggested = suggestedNextStatus(row.kind as IncidentKind, row.status as IncidentStatus);
  return (
    <>
      <div>
        <p className="text-sm text-slate-500 dark:text-slate-400">{UPDATE_STATUS_LABELS[incident.status]}</p>
        <h1 className="text-2xl font-bold">{incident.name}</h1>
        <a href={`/incidents/${incident.id}`} className="text-sm underline">
          View on the public page ↗
        </a>
      </div>
      {!editable && next.length > 0 && <ReadOnlyNotice permission="communicate" />}
      {editable && next.length > 0 && (
        <section aria-labelledby="post-update" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
          <h2 id="post-update" className="text-lg font-semibold">
            Post an update
          </h2>
          <UpdateForm
            key={row.version}
            incidentId={incident.id}
            version={row.version}
            components={[...snapshot.components]
              .sort((a, b) => Number(incident.componentIds.includes(b.id)) - Number(incident.componentIds.includes(a.id)))
              .map((component) => ({ id: component.id, name: component.name, statusLabel: COMPONENT_STATUS_LABELS[component.status] }))}
            statusOptions={next.map((status) => ({ value: status, label: UPDATE_STATUS_LABELS[status] }))}
            componentStatusOptions={COMPONENT_STATUS_OPTIONS}
            defaultStatus={suggested}
          />
        </section>
      )}
      <UpdateTimeline
        headingId="timeline"
        updates={incident.updates}
        timeZone={snapshot.page.timeZone}
        actions={(update) => (
          <>
            <RemovalNotice text={previewMessage(update.body).notice} className="mt-2" />
            {editable && (
              <UpdateEditor
                key={update.id}
                incidentId={incident.id}
                version={row.version}
                update={{ id: update.id, body: update.body, displayAt: instantToWallClock(update.displayAt, snapshot.page.timeZone) }}
                timeZone={snapshot.page.timeZone}
                deletable={incident.updates.length > 1}
              />
            )}
          </>
        )}
      />
    </>
  );
}
