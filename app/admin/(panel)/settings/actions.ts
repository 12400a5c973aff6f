'use server';
// The page settings form's write: owners and admins, through the same lib function (and schema)
// as PATCH /api/v1/pages/{page_id}.
import { revalidatePath } from 'next/cache';
import { type FormState, toFormState } from '@/lib/admin-ui/form-state';
import { requirePermission } from '@/lib/admin-ui/require-operator';
import { operatorActor } from '@/lib/auth/operators';
import { getDb } from '@/lib/db';
import { updatePageSettings } from '@/lib/page/page-settings';

export async function updatePageSettingsAction(_state: FormState, form: FormData): Promise<FormState> {
  const field = (name: string) => String(form.get(name) ?? '');
  try {
    const operator = await requirePermission('configure');
    await updatePageSettings(
      getDb(),
      {
        name: field('name'),
        url: field('url'),
        timeZone: field('timeZone'),
        supportUrl: field('supportUrl'),
        logoUrl: field('logoUrl'),
        accentColor: field('accentColor'),
      },
      operatorActor(operator),
    );
  } catch (error) {
    return toFormState(error, form);
  }
  revalidatePath('/admin/settings');
  return { notice: 'Saved. The public page shows the new settings now.' };
}
