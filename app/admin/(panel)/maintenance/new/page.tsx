import type { Metadata } from 'next';
import { MaintenanceForm } from '@/components/admin/maintenance-form';
import { ReadOnlyPage } from '@/components/admin/read-only-notice';
import { incidentComponentChoices } from '@/lib/admin-ui/component-choices';
import { pageTimeZone } from '@/lib/admin-ui/form-times';
import { requireOperator } from '@/lib/admin-ui/require-operator';
import { can } from '@/lib/access/permissions';
import { getDb } from '@/lib/db/client';

export const metadata: Metadata = { title: 'Schedule maintenance' };

export default async function NewMaintenancePage() {
  const operator = await requireOperator();
  if (!can(operator.role, 'incidents.write')) return <ReadOnlyPage title="Schedule maintenance" />;
  const db = getDb();
  const [components, timeZone] = await Promise.all([incidentComponentChoices(db), pageTimeZone(db)]);
  return (
    <>
      <h1 className="text-2xl font-bold">Schedule maintenance</h1>
      <MaintenanceForm components={components} timeZone={timeZone} />
    </>
  );
}
