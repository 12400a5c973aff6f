import type { Metadata } from 'next';
import { ComponentStatusForm } from '@/components/admin/component-status-form';
import { DemoContentNotice } from '@/components/admin/demo-content-notice';
import { Notice } from '@/components/admin/fields';
import { ComponentStatusLabel } from '@/components/status-label';
import { readDashboard } from '@/lib/admin-ui/admin-reads';
import { requireOperator } from '@/lib/admin-ui/require-operator';
import { can } from '@/lib/access/permissions';
import { getDb } from '@/lib/db/client';
import { listTemplates } from '@/lib/incidents/templates';
import { countDemoContent } from '@/lib/seed/remove-demo';
import { UPDATE_STATUS_LABELS } from '@/lib/schemas/status';
import { componentsInPageOrder, getFrontPage } from '@/lib/status/front-page';
import type { SnapshotIncident } from '@/lib/status/snapshot-types';
import { formatDateTime } from '@/lib/time';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function Dashboard({ searchParams }: { searchParams: Promise<{ demo?: string }> }) {
  const operator = await requireOperator();
  const editable = can(operator.role, 'incidents.write');
  const setsStatus = can(operator.role, 'components.status');
  const [dashboard, templates, demo] = await Promise.all([readDashboard(getDb()), listTemplates(getDb()), countDemoContent(getDb())]);
  const { activeIncidents, activeMaintenances, upcomingMaintenances } = getFrontPage(dashboard);
  const components = componentsInPageOrder(dashboard);
  return (
    <>
      {demo.any && can(operator.role, 'page.configure') && <DemoContentNotice components={demo.components} incidents={demo.incidents} />}
      {(await searchParams).demo === 'removed' && <Notice message="The demo content is gone. Add your own components next, under Components." />}
      <section aria-labelledby="overall" className="flex flex-wrap items-center justify-between gap-4 rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
        <div>
          <p className="text-sm text-slate-500 dark:text-slate-400">{dashboard.page.name} is now showing</p>
          <h1 id="overall" className="text-2xl font-bold">
            {dashboard.status.description}
          </h1>
        </div>
        {editable && (
          <div className="flex flex-wrap gap-2">
            {templates.map((template) => (
              <a key={template.id} href={`/admin/incidents/new?template=${template.id}`} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
                {template.title}
              </a>
            ))}
            <a href="/admin/incidents/new" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-semibold text-white dark:bg-slate-100 dark:text-slate-900">
              New incident
            </a>
          </div>
        )}
      </section>

      <section aria-labelledby="active" className="space-y-3">
        <h2 id="active" className="text-lg font-semibold">
          Active incidents and maintenance
        </h2>
        {activeIncidents.length + activeMaintenances.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">Nothing open. Visitors see everything as it is below.</p>
        ) : (
          <IncidentLinks
            items={[...activeIncidents, ...activeMaintenances]}
            detail={(incident) => `${UPDATE_STATUS_LABELS[incident.status]} · ${incident.updates.length} update${incident.updates.length === 1 ? '' : 's'}`}
          />
        )}
      </section>

      {upcomingMaintenances.length > 0 && (
        <section aria-labelledby="upcoming" className="space-y-3">
          <h2 id="upcoming" className="text-lg font-semibold">
            Scheduled maintenance
          </h2>
          <IncidentLinks items={upcomingMaintenances} detail={(maintenance) => (maintenance.scheduledFor ? formatDateTime(maintenance.scheduledFor, dashboard.page.timeZone) : '')} />
        </section>
      )}

      <section aria-labelledby="components" className="space-y-3">
        <h2 id="components" className="text-lg font-semibold">
          Components
        </h2>
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
          {components.map((component) => (
            <li key={component.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
              <p className="flex min-w-0 flex-wrap items-center gap-x-3">
                <span className="font-medium">{component.name}</span>
                <ComponentStatusLabel status={component.status} />
              </p>
              {setsStatus && <ComponentStatusForm id={component.id} name={component.name} status={component.status} />}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

/** Incidents or maintenances, each linking to its admin page, with a detail on the right. */
function IncidentLinks({ items, detail }: { items: SnapshotIncident[]; detail: (incident: SnapshotIncident) => string }) {
  return (
    <ul className="space-y-2">
      {items.map((incident) => (
        <li key={incident.id} className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-slate-200 bg-white px-4 py-3 dark:border-slate-800 dark:bg-slate-900">
          <a href={`/admin/incidents/${incident.id}`} className="font-medium underline-offset-2 hover:underline">
            {incident.name}
          </a>
          <span className="text-sm text-slate-600 dark:text-slate-400">{detail(incident)}</span>
        </li>
      ))}
    </ul>
  );
}
