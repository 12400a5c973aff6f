'use server';
// Incident templates from the admin UI; anyone who may post incidents may shape their wording.
import { formChoice, formText } from '../admin-ui/form-state.ts';
import { deleteTemplate, saveTemplate } from '../incidents/templates.ts';
import type { IncidentTemplateInput } from '../schemas/incident.ts';
import { adminAction } from './admin-action.ts';

type Status = NonNullable<IncidentTemplateInput['status']>;
type Impact = NonNullable<IncidentTemplateInput['impact']>;

export const saveTemplateAction = adminAction('incidents.write', async (form, { db, actor }) => {
  const template = await saveTemplate(
    db,
    formText(form, 'id') || undefined,
    { title: formText(form, 'title'), name: formText(form, 'name'), status: formChoice<Status>(form, 'status'), impact: formChoice<Impact>(form, 'impact'), body: formText(form, 'body') },
    actor,
  );
  return { notice: `Saved "${template.title}". It is offered on the dashboard and the new-incident page.` };
});

export const deleteTemplateAction = adminAction('incidents.write', async (form, { db, actor }) => {
  await deleteTemplate(db, formText(form, 'id'), actor);
  return { notice: 'Deleted.' };
});
