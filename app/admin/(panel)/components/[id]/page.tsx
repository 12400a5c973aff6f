import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { ComponentForm, DeleteForm } from '@/components/admin/component-forms';
import { requireOperator } from '@/lib/admin-ui/require-operator';
import { can } from '@/lib/access/permissions';
import { getDb } from '@/lib/db/client';

export const metadata: Metadata = { title: 'Edit component' };

export default async function EditComponentPage({ params }: { params: Promise<{ id: string }> }) {
  const operator = await requireOperator();
  if (!can(operator.role, 'components.configure')) redirect('/admin/components');
  const db = getDb();
  const [component, groups] = await Promise.all([
    db.component.findUnique({ where: { id: (await params).id } }),
    db.componentGroup.findMany({ orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true, name: true } }),
  ]);
  if (!component) notFound();
  return (
    <>
      <div className="space-y-1">
        <a href="/admin/components" className="text-sm underline-offset-2 hover:underline">
          ← Components
        </a>
        <h1 className="text-2xl font-bold">{component.name}</h1>
      </div>
      <ComponentForm
        component={{ ...component, startDate: component.startDate ? component.startDate.toISOString().slice(0, 10) : null }}
        groups={groups}
      />
      <DeleteForm
        kind="component"
        id={component.id}
        name={component.name}
        consequence="It disappears from the page, the JSON API and badges, with its uptime history. Past incident updates keep its name. This cannot be undone."
      />
    </>
  );
}
