import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { BackLink } from '@/components/admin/back-link';
import { MonitorForm } from '@/components/admin/monitor-forms';
import { ReadOnlyNotice } from '@/components/admin/read-only-notice';
import { requireOperator } from '@/lib/admin-ui/require-operator';
import { MONITOR_KIND_LABELS, newMonitorValues, readMonitorFormChoices } from '@/lib/admin-ui/monitor-reads';
import { can } from '@/lib/access/permissions';
import { getDb } from '@/lib/db/client';
import { MONITOR_KINDS, type MonitorKind } from '@/lib/monitors/settings';

export const metadata: Metadata = { title: 'New monitor' };

export default async function NewMonitorPage({ searchParams }: { searchParams: Promise<{ kind?: string; component?: string }> }) {
  const operator = await requireOperator();
  const { kind = 'http', component } = await searchParams;
  if (!(MONITOR_KINDS as readonly string[]).includes(kind)) notFound();
  if (!can(operator.role, 'components.configure')) return <ReadOnlyNotice permission="components.configure" />;
  const { components, templates } = await readMonitorFormChoices(getDb());
  return (
    <>
      <div className="space-y-1">
        <BackLink href="/admin/monitors" label="Monitors" />
        <h1 className="text-2xl font-bold">New {MONITOR_KIND_LABELS[kind as MonitorKind]} monitor</h1>
      </div>
      {components.length === 0 ? (
        <p className="text-sm">
          A monitor sets a component’s status: <a href="/admin/components" className="underline">add a component</a> first.
        </p>
      ) : (
        <MonitorForm kind={kind} start={newMonitorValues(kind as MonitorKind, component ?? components[0].value)} components={components} templates={templates} />
      )}
    </>
  );
}
