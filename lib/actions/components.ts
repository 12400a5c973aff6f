'use server';
// Components and groups from the admin UI: the same verbs, and so the same zod schemas and
// permission checks, as the admin API.
import { changedFormFields, type FormState, formChoice, formList, formText, formValues } from '../admin-ui/form-state.ts';
import { createComponent, createGroup, deleteComponent, deleteGroup, editComponent, editGroup, moveEntry, setComponentStatus } from '../components/manage-components.ts';
import { COMPONENT_STATUS_LABELS, type ComponentStatus } from '../schemas/status.ts';
import { adminAction, redirectTo } from './admin-action.ts';

/** The component form's fields; unticked checkboxes are absent, so they read as false. */
function componentFields(form: FormData) {
  return {
    name: formText(form, 'name'),
    description: formText(form, 'description'),
    status: formChoice<ComponentStatus>(form, 'status'),
    groupId: formText(form, 'groupId') || null,
    showcase: form.get('showcase') === 'on',
    onlyShowIfDegraded: form.get('onlyShowIfDegraded') === 'on',
    showResponseTimes: form.get('showResponseTimes') === 'on',
    startDate: formText(form, 'startDate'),
  };
}

/** The group form's fields; its members as those ticked and unticked since the form was shown. */
function groupFields(form: FormData) {
  const ticked = formList(form, 'componentIds');
  const shown = formText(form, 'shown:componentIds').split(' ').filter(Boolean);
  return {
    ...changedFormFields(form, { name: formText(form, 'name'), description: formText(form, 'description') }),
    addComponentIds: ticked.filter((id) => !shown.includes(id)),
    removeComponentIds: shown.filter((id) => !ticked.includes(id)),
  };
}

/** Deleting asks for the name typed out, so a misclick cannot remove a component and its history. */
function unconfirmed(form: FormData): FormState | undefined {
  const name = formText(form, 'name');
  if (formText(form, 'confirm').trim() === name) return undefined;
  return { error: `Nothing was deleted: type "${name}" to confirm.`, fieldErrors: { confirm: `Type "${name}" exactly.` }, values: formValues(form) };
}

/** The dashboard's one-click status change (editors too). */
export const setComponentStatusAction = adminAction('components.status', async (form, { db, actor }) => {
  const component = await setComponentStatus(db, { componentId: formText(form, 'componentId'), status: formChoice<ComponentStatus>(form, 'status') }, actor);
  return { notice: `${component.name} is now shown as ${COMPONENT_STATUS_LABELS[component.status as ComponentStatus].toLowerCase()}.` };
});

export const createComponentAction = adminAction('components.configure', async (form, { db, actor }) => {
  const component = await createComponent(db, componentFields(form), actor);
  return { notice: `Added "${component.name}".` };
});

export const editComponentAction = adminAction('components.configure', async (form, { db, actor }) => {
  const component = await editComponent(db, formText(form, 'id'), changedFormFields(form, componentFields(form)), actor);
  return { notice: `Saved "${component.name}".` };
});

export const deleteComponentAction = adminAction('components.configure', async (form, { db, actor }) => {
  const refusal = unconfirmed(form);
  if (refusal) return refusal;
  await deleteComponent(db, formText(form, 'id'), actor);
  return redirectTo('/admin/components?deleted=component');
});

export const moveEntryAction = adminAction('components.configure', async (form, { db, actor }) => {
  const kind = formText(form, 'kind') === 'group' ? 'group' : 'component';
  await moveEntry(db, { kind, id: formText(form, 'id') }, formText(form, 'step') === 'up' ? -1 : 1, actor);
  return {};
});

export const createGroupAction = adminAction('components.configure', async (form, { db, actor }) => {
  const group = await createGroup(db, { name: formText(form, 'name'), description: formText(form, 'description'), componentIds: formList(form, 'componentIds') }, actor);
  return { notice: `Added the group "${group.name}".` };
});

export const editGroupAction = adminAction('components.configure', async (form, { db, actor }) => {
  const group = await editGroup(db, formText(form, 'id'), groupFields(form), actor);
  return { notice: `Saved the group "${group.name}".` };
});

export const deleteGroupAction = adminAction('components.configure', async (form, { db, actor }) => {
  const refusal = unconfirmed(form);
  if (refusal) return refusal;
  await deleteGroup(db, formText(form, 'id'), actor);
  return redirectTo('/admin/components?deleted=group');
});
