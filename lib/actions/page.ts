'use server';
// The page's settings, and removing the demo content, from the admin UI.
import { formText } from '../admin-ui/form-state.ts';
import { updatePageSettings } from '../page/page-settings.ts';
import { removeDemoContent } from '../seed/remove-demo.ts';
import { adminAction, redirectTo } from './admin-action.ts';

export const updatePageSettingsAction = adminAction('page.configure', async (form, { db, actor }) => {
  const fields = ['name', 'url', 'timeZone', 'supportUrl', 'logoUrl', 'accentColor'] as const;
  await updatePageSettings(db, Object.fromEntries(fields.map((field) => [field, formText(form, field)])), actor);
  return { notice: 'Saved. The public page shows the new settings now.' };
});

export const removeDemoContentAction = adminAction('page.configure', async (form, { db, actor }) => {
  if (form.get('confirm') !== 'on') return { error: 'Tick the box to confirm: the demo content cannot be brought back.' };
  await removeDemoContent(db, actor);
  // The notice offering removal is gone with the content: the dashboard says it is done.
  return redirectTo('/admin?demo=removed');
});
