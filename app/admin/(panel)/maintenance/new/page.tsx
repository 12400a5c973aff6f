import type { Metadata } from 'next';
import { MaintenanceForm } from '@/components/admin/maintenance-form';
import { requireOperator } from '@/lib/admin-ui/require-operator';
import { getDb } from '@/lib/db';

export const metadata: Metadata = { title: 'Schedule maintenance' };

export default async function NewMaintenancePage() {
  await requireOperator();
  const db = getDb();
  const [components, page] = await Promise.all([
    db.component.findMany({ orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true, name: true } }),
    db.page.findFirst({ orderBy: { createdAt: 'asc' }, select: { timeZone: true } }),
  ]);
  return (
    <>
      <h1 className="text-2xl font-bold">Schedule maintenance</h1>
      <MaintenanceForm components={components} timeZone={page?.timeZone ?? 'Etc/UTC'} />
    </>
  );
}
