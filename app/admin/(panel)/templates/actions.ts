'use server';
// Incident templates from the admin UI; anyone who may post incidents may shape their wording.
import { revalidatePath } from 'next/cache';
import { type FormState, formText, toFormState } from '@/lib/admin-ui/form-state';
import { requirePermission } from '@/lib/admin-ui/require-operator';
import { operatorActor } from '@/lib/auth/operators';
import { getDb } from '@/lib/db/client';
import { deleteTemplate, saveTemplate } from '@/lib/incidents/templates';

export async function saveTemplateAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const operator = await requirePermission('communicate');
    const template = await saveTemplate(
      getDb(),
      formText(form, 'id') || undefined,
      { title: formText(form, 'title'), name: formText(form, 'name'), status: formText(form, 'status') as never, impact: formText(form, 'impact') as never, body: formText(form, 'body') },
      operatorActor(operator),
    );
    revalidatePath('/admin/templates');
    return { notice: `Saved "${template.title}". It is offered on the dashboard and the new-incident page.` };
  } catch (error) {
    return toFormState(error, form);
  }
}

export async function deleteTemplateAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const operator = await requirePermission('communicate');
    await deleteTemplate(getDb(), formText(form, 'id'), operatorActor(operator));
    revalidatePath('/admin/templates');
    return { notice: 'Deleted.' };
  } catch (error) {
    return toFormState(error, form);
  }
}
