import type { Metadata } from 'next';
import { NewIncidentForm } from '@/components/admin/incident-forms';
import { ReadOnlyPage } from '@/components/admin/read-only-notice';
import { incidentComponentChoices } from '@/lib/admin-ui/component-choices';
import { requireOperator } from '@/lib/admin-ui/require-operator';
import { can } from '@/lib/access/permissions';
import { getDb } from '@/lib/db/client';
import { listTemplates } from '@/lib/incidents/templates';
import { COMPONENT_STATUS_OPTIONS, INCIDENT_IMPACT_OPTIONS, UNRESOLVED_INCIDENT_STATUSES, UPDATE_STATUS_LABELS } from '@/lib/schemas/status';

export const metadata: Metadata = { title: 'New incident' };

export default async function NewIncidentPage({ searchParams }: { searchParams: Promise<{ template?: string }> }) {
  const operator = await requireOperator();
  if (!can(operator.role, 'incidents.write')) return <ReadOnlyPage title="New incident" />;
  const db = getDb();
  const [templates, components] = await Promise.all([listTemplates(db), incidentComponentChoices(db)]);
  const chosen = (await searchParams).template;
  const template = templates.find((candidate) => candidate.id === chosen);
  return (
    <>
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">New incident</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Recording one that is already over? <a href="/admin/incidents/backfill" className="underline">Backfill a past incident</a>.
        </p>
      </div>
      <nav aria-label="Templates" className="flex flex-wrap items-center gap-2 text-sm">
        <span>Start from a template:</span>
        {templates.map((choice) => (
          <a key={choice.id} href={`/admin/incidents/new?template=${choice.id}`} aria-current={choice.id === template?.id ? 'true' : undefined} className="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-100 aria-[current]:border-slate-900 aria-[current]:font-semibold dark:border-slate-700 dark:hover:bg-slate-800">
            {choice.title}
          </a>
        ))}
        <a href="/admin/templates" className="text-slate-600 underline dark:text-slate-400">
          Manage templates
        </a>
      </nav>
      <NewIncidentForm
        key={template?.id ?? 'blank'}
        components={components}
        statusOptions={UNRESOLVED_INCIDENT_STATUSES.map((status) => ({ value: status, label: UPDATE_STATUS_LABELS[status] }))}
        impactOptions={INCIDENT_IMPACT_OPTIONS}
        componentStatusOptions={COMPONENT_STATUS_OPTIONS}
        initial={{ name: template?.name ?? '', status: template?.status ?? 'investigating', impact: template?.impact ?? 'minor', body: template?.body ?? '' }}
      />
    </>
  );
}
