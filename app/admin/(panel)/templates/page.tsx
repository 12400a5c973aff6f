import type { Metadata } from 'next';
import { ReadOnlyPage } from '@/components/admin/read-only-notice';
import { TemplateForm } from '@/components/admin/template-forms';
import { requireOperator } from '@/lib/admin-ui/require-operator';
import { can } from '@/lib/access/permissions';
import { getDb } from '@/lib/db/client';
import { listTemplates } from '@/lib/incidents/templates';
import { INCIDENT_IMPACT_OPTIONS, UNRESOLVED_INCIDENT_STATUSES, UPDATE_STATUS_LABELS } from '@/lib/schemas/status';

export const metadata: Metadata = { title: 'Incident templates' };

const STATUS_OPTIONS = UNRESOLVED_INCIDENT_STATUSES.map((status) => ({ value: status, label: UPDATE_STATUS_LABELS[status] }));

export default async function TemplatesPage({ searchParams }: { searchParams: Promise<{ copy?: string }> }) {
  const operator = await requireOperator();
  if (!can(operator.role, 'incidents.write')) return <ReadOnlyPage title="Incident templates" />;
  const [templates, { copy: copyId }] = await Promise.all([listTemplates(getDb()), searchParams]);
  const copy = templates.find((template) => template.id === copyId);
  return (
    <>
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">Incident templates</h1>
        <p className="max-w-prose text-sm text-slate-600 dark:text-slate-400">
          Words ready before they are needed: a template fills in a new incident&apos;s title, status, impact and message, to post as is or adjust.
        </p>
      </div>
      <section aria-labelledby="templates" className="space-y-4">
        <h2 id="templates" className="text-lg font-semibold">
          Templates
        </h2>
        <ul className="space-y-3">
          {templates.map((template) => (
            <li key={template.id} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
              {template.builtIn ? (
                <div className="flex flex-wrap items-center justify-between gap-3">
                  <div>
                    <p className="font-medium">{template.title}</p>
                    <p className="text-sm text-slate-600 dark:text-slate-400">Built in · {template.name}</p>
                  </div>
                  <div className="flex gap-3 text-sm">
                    <a href={`/admin/incidents/new?template=${template.id}`} className="underline">
                      Use
                    </a>
                    <a href={`/admin/templates?copy=${template.id}#add-template`} className="underline">
                      Copy to edit
                    </a>
                  </div>
                </div>
              ) : (
                <details>
                  <summary className="cursor-pointer font-medium">
                    {template.title} <span className="text-sm font-normal text-slate-600 dark:text-slate-400">· {template.name}</span>
                  </summary>
                  <div className="mt-3">
                    <TemplateForm id={template.id} start={template} statusOptions={STATUS_OPTIONS} impactOptions={INCIDENT_IMPACT_OPTIONS} />
                  </div>
                </details>
              )}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="add-template" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
        <h2 id="add-template" className="text-lg font-semibold">
          {copy ? `New template from "${copy.title}"` : 'New template'}
        </h2>
        <TemplateForm key={copy?.id ?? 'blank'} start={copy && { ...copy, title: `${copy.title} (ours)` }} statusOptions={STATUS_OPTIONS} impactOptions={INCIDENT_IMPACT_OPTIONS} />
      </section>
    </>
  );
}
