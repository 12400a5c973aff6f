import type { Metadata } from 'next';
import { BackfillForm } from '@/components/admin/incident-forms';
import { ReadOnlyPage } from '@/components/admin/read-only-notice';
import { incidentComponentChoices } from '@/lib/admin-ui/component-choices';
import { pageTimeZone } from '@/lib/admin-ui/form-times';
import { requireOperator } from '@/lib/admin-ui/require-operator';
import { can } from '@/lib/access/permissions';
import { getDb } from '@/lib/db/client';
import { COMPONENT_STATUS_OPTIONS, INCIDENT_IMPACT_OPTIONS } from '@/lib/schemas/status';
import { instantToWallClock } from '@/lib/time';

export const metadata: Metadata = { title: 'Backfill a past incident' };

export default async function BackfillPage() {
  const operator = await requireOperator();
  if (!can(operator.role, 'incidents.write')) return <ReadOnlyPage title="Backfill a past incident" />;
  const db = getDb();
  const [components, timeZone] = await Promise.all([incidentComponentChoices(db), pageTimeZone(db)]);
  return (
    <>
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">Backfill a past incident</h1>
        <p className="max-w-prose text-sm text-slate-600 dark:text-slate-400">
          For an incident that is already over: it goes into the history as resolved, and the components&apos; uptime shows it between its start
          and end. Their status today does not change.
        </p>
      </div>
      <BackfillForm components={components} impactOptions={INCIDENT_IMPACT_OPTIONS} componentStatusOptions={COMPONENT_STATUS_OPTIONS} timeZone={timeZone} now={instantToWallClock(new Date(), timeZone)} />
    </>
  );
}
