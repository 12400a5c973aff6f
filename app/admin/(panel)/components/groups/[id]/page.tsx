import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { DeleteForm, GroupForm } from '@/components/admin/component-forms';
import { requireOperator } from '@/lib/admin-ui/require-operator';
import { can } from '@/lib/access/permissions';
import { getDb } from '@/lib/db/client';
import { readPageLayout } from '@/lib/status/page-rows';
import { componentChoices } from '@/lib/status/front-page';

export const metadata: Metadata = { title: 'Edit group' };

export default async function EditGroupPage({ params }: { params: Promise<{ id: string }> }) {
  const operator = await requireOperator();
  if (!can(operator.role, 'components.configure')) redirect('/admin/components');
  const structure = await readPageLayout(getDb());
  const id = (await params).id;
  const group = structure.groups.find((candidate) => candidate.id === id);
  if (!group) notFound();
  return (
    <>
      <div className="space-y-1">
        <a href="/admin/components" className="text-sm underline-offset-2 hover:underline">
          ← Components
        </a>
        <h1 className="text-2xl font-bold">Group: {group.name}</h1>
      </div>
      <GroupForm group={group} components={componentChoices(structure)} />
      <DeleteForm
        kind="group"
        id={group.id}
        name={group.name}
        consequence={`Its ${group.componentIds.length} component${group.componentIds.length === 1 ? '' : 's'} stay, moved to the end of the top level.`}
      />
    </>
  );
}
