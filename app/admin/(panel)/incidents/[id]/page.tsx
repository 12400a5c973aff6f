import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { UpdateEditor, UpdateForm } from '@/components/admin/incident-forms';
import { CancelMaintenanceForm, DeleteIncidentForm, EditIncidentForm } from '@/components/admin/incident-record-forms';
import { ReadOnlyNotice } from '@/components/admin/read-only-notice';
import { RemovalNotice } from '@/components/admin/removal-notice';
import { ImpactBadge, UpdateTimeline } from '@/components/incident-parts';
import { readAdminIncident } from '@/lib/admin-ui/admin-reads';
import { requireOperator } from '@/lib/admin-ui/require-operator';
import { can } from '@/lib/access/permissions';
import { previewMessage } from '@/lib/markdown';
import { getDb } from '@/lib/db/client';
import { CANCELLED_MESSAGE } from '@/lib/incidents/default-messages';
import { statusesAfterClose } from '@/lib/incidents/statuses-after-close';
import { allowedNextStatuses } from '@/lib/incidents/transitions';
import { COMPONENT_STATUS_LABELS, COMPONENT_STATUS_OPTIONS, INCIDENT_IMPACT_OPTIONS, isClosedStatus, UPDATE_STATUS_LABELS, type IncidentKind, type IncidentStatus } from '@/lib/schemas/status';
import { timelineStatusLabel } from '@/lib/status/incident-state';
import { instantToWallClock } from '@/lib/time';

export const metadata: Metadata = { title: 'Incident' };

const SECTION = 'space-y-4 rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900';

export default async function AdminIncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const operator = await requireOperator();
  const db = getDb();
  const read = await readAdminIncident(db, id);
  if (!read) notFound();
  const { row, incident, page, components } = read;
  const backOnClose = await statusesAfterClose(db, { id, kind: row.kind });
  const zone = page.timeZone;
  const editable = can(operator.role, 'incidents.write');
  const kind = row.kind as IncidentKind;
  const next = allowedNextStatuses(kind, row.status as IncidentStatus);
  const open = !isClosedStatus(row.status);
  const windowMovable = kind === 'maintenance' && row.status !== 'completed' && incident.scheduledFor && incident.scheduledUntil;
  const latest = incident.updates[0];
  return (
    <>
      <div className="space-y-1">
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-300">
          <ImpactBadge impact={incident.impact} cancelled={Boolean(incident.cancelledAt)} />
          {latest ? timelineStatusLabel(latest, incident.cancelledAt) : UPDATE_STATUS_LABELS[incident.status]}
        </p>
        <h1 className="text-2xl font-bold">{incident.name}</h1>
        <a href={`/incidents/${incident.id}`} className="text-sm underline">
          View on the public page ↗
        </a>
      </div>
      {!editable && <ReadOnlyNotice permission="incidents.write" />}
      {editable && next.length > 0 && (
        <section aria-labelledby="post-update" className={SECTION}>
          <h2 id="post-update" className="text-lg font-semibold">
            Post an update
          </h2>
          <UpdateForm
            key={row.version}
            incidentId={incident.id}
            version={row.version}
            components={[...components]
              .sort((a, b) => Number(incident.componentIds.includes(b.id)) - Number(incident.componentIds.includes(a.id)))
              .map((component) => ({
                id: component.id,
                name: component.name,
                statusLabel: COMPONENT_STATUS_LABELS[component.status],
                affected: incident.componentIds.includes(component.id),
              }))}
            statusOptions={next.map((status) => ({ value: status, label: UPDATE_STATUS_LABELS[status] }))}
            componentStatusOptions={COMPONENT_STATUS_OPTIONS}
            currentStatus={row.status}
            closingStatuses={next.filter(isClosedStatus)}
            backOnClose={backOnClose}
          />
        </section>
      )}
      <UpdateTimeline
        headingId="timeline"
        updates={incident.updates}
        timeZone={zone}
        cancelledAt={incident.cancelledAt}
        actions={(update) => (
          <>
            <RemovalNotice text={previewMessage(update.body).notice} className="mt-2" />
            {!update.deliverNotifications && <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">Posted quietly: subscribers were not told.</p>}
            {editable && (
              <UpdateEditor
                key={update.id}
                incidentId={incident.id}
                version={row.version}
                update={{ id: update.id, body: update.body, displayAt: instantToWallClock(update.displayAt, zone) }}
                timeZone={zone}
                deletable={incident.updates.length > 1}
              />
            )}
          </>
        )}
      />
      {editable && (
        <section aria-labelledby="correct" className={SECTION}>
          <h2 id="correct" className="text-lg font-semibold">
            {kind === 'maintenance' ? 'Title and window' : 'Title and impact'}
          </h2>
          {/* Not keyed on the version: its "Saved" stays in view, and its fields already show the result. */}
          <EditIncidentForm
            incidentId={incident.id}
            version={row.version}
            kind={kind}
            name={incident.name}
            impact={incident.impact}
            impactOptions={INCIDENT_IMPACT_OPTIONS}
            window={
              windowMovable
                ? {
                    scheduledFor: instantToWallClock(incident.scheduledFor!, zone),
                    scheduledUntil: instantToWallClock(incident.scheduledUntil!, zone),
                    started: row.status !== 'scheduled',
                  }
                : null
            }
            timeZone={zone}
          />
        </section>
      )}
      {editable && kind === 'maintenance' && open && (
        <section aria-labelledby="cancel" className={SECTION}>
          <h2 id="cancel" className="text-lg font-semibold">
            Cancel the maintenance
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-300">
            It will not happen after all: it leaves the calendar and the upcoming list, its page says it was cancelled, and components under maintenance go back.
          </p>
          <CancelMaintenanceForm key={row.version} incidentId={incident.id} version={row.version} defaultMessage={CANCELLED_MESSAGE} />
        </section>
      )}
      {editable && (
        <section aria-labelledby="delete" className={SECTION}>
          <h2 id="delete" className="text-lg font-semibold">
            Delete
          </h2>
          <DeleteIncidentForm key={row.version} incidentId={incident.id} version={row.version} kind={kind} />
        </section>
      )}
    </>
  );
}
