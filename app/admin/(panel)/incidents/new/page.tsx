import type { Metadata } from 'next';
import { NewIncidentForm } from '@/components/admin/incident-forms';
import { ReadOnlyPage } from '@/components/admin/read-only-notice';
import { requireOperator } from '@/lib/admin-ui/require-operator';
import { can } from '@/lib/auth/roles';
import { getDb } from '@/lib/db';
import { findTemplate, INCIDENT_TEMPLATES } from '@/lib/incidents/templates';
import { COMPONENT_STATUS_LABELS, componentStatusSchema, impactSchema, incidentStatusSchema, UPDATE_STATUS_LABELS, type ComponentStatus } from '@/lib/schemas/status';

export const metadata: Metadata = { title: 'New incident' };

export default async function NewIncidentPage({ searchParams }: { searchParams: Promise<{ template?: string }> }) {
  const operator = await requireOperator();
  if (!can(operator.role, 'communicate')) return <ReadOnlyPage title="New incident" />;
  const template = findTemplate((await searchParams).template);
  const rows = await getDb().component.findMany({ orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true, name: true, status: true } });
  const components = rows.map((row) => ({ id: row.id, name: row.name, statusLabel: COMPONENT_STATUS_LABELS[row.status as ComponentStatus] }));
  return (
    <>
      <h1 className="text-2xl font-bold">New incident</h1>
      <nav aria-label="Templates" className="flex flex-wrap items-center gap-2 text-sm">
        <span>Start from a template:</span>
        {INCIDENT_TEMPLATES.map((choice) => (
          <a key={choice.id} href={`/admin/incidents/new?template=${choice.id}`} aria-current={choice.id === template?.id ? 'true' : undefined} className="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-100 aria-[current]:border-slate-900 aria-[current]:font-semibold dark:border-slate-700 dark:hover:bg-slate-800">
            {choice.title}
          </a>
        ))}
      </nav>
      <NewIncidentForm
        key={template?.id ?? 'blank'}
        components={components}
        statusOptions={incidentStatusSchema.options.filter((status) => status !== 'postmortem').map((status) => ({ value: status, label: UPDATE_STATUS_LABELS[status] }))}
        impactOptions={impactSchema.options.filter((impact) => impact !== 'maintenance').map((impact) => ({ value: impact, label: impact === 'none' ? 'None' : impact[0].toUpperCase() + impact.slice(1) }))}
        componentStatusOptions={componentStatusSchema.options.map((status) => ({ value: status, label: COMPONENT_STATUS_LABELS[status] }))}
        initial={{ name: template?.name ?? '', status: template?.status ?? 'investigating', impact: template?.impact ?? 'minor', body: template?.body ?? '' }}
      />
    </>
  );
}
