'use server';
// The page settings form's write: owners and admins, through the same lib function (and schema)
// as PATCH /api/v1/pages/{page_id}.
import { revalidatePath } from 'next/cache';
import { type FormState, formText, toFormState } from '@/lib/admin-ui/form-state';
import { requirePermission } from '@/lib/admin-ui/require-operator';
import { operatorActor } from '@/lib/auth/operators';
import { getDb } from '@/lib/db/client';
import { updatePageSettings } from '@/lib/page/page-settings';

export async function updatePageSettingsAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const operator = await requirePermission('configure');
    await updatePageSettings(
      getDb(),
      {
        name: formText(form, 'name'),
        url: formText(form, 'url'),
        timeZone: formText(form, 'timeZone'),
        supportUrl: formText(form, 'supportUrl'),
        logoUrl: formText(form, 'logoUrl'),
        accentColor: formText(form, 'accentColor'),
      },
      operatorActor(operator),
    );
  } catch (error) {
    return toFormState(error, form);
  }
  revalidatePath('/admin/settings');
  return { notice: 'Saved. The public page shows the new settings now.' };
}
