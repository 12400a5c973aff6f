'use server';
// Components and groups from the admin UI: the same lib functions, and so the same zod schemas,
// as the admin API. Owners and admins only ('configure').
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { changedFormFields, type FormState, formText, formValues, toFormState } from '@/lib/admin-ui/form-state';
import { requirePermission } from '@/lib/admin-ui/require-operator';
import { operatorActor } from '@/lib/auth/operators';
import { createComponent, createGroup, deleteComponent, deleteGroup, editComponent, editGroup, moveEntry } from '@/lib/components/manage-components';
import { getDb } from '@/lib/db/client';
import type { ComponentStatus } from '@/lib/schemas/status';

/** The component form's fields; unticked checkboxes are absent, so they read as false. */
function componentFields(form: FormData) {
  return {
    name: formText(form, 'name'),
    description: formText(form, 'description'),
    status: formText(form, 'status') as ComponentStatus,
    groupId: formText(form, 'groupId') || null,
    showcase: form.get('showcase') === 'on',
    onlyShowIfDegraded: form.get('onlyShowIfDegraded') === 'on',
    startDate: formText(form, 'startDate'),
  };
}

/** The group form's fields; its members as those ticked and unticked since the form was shown. */
function groupFields(form: FormData) {
  const ticked = form.getAll('componentIds').map(String);
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

function done() {
  revalidatePath('/admin/components');
  revalidatePath('/admin');
}

export async function createComponentAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const operator = await requirePermission('configure');
    const component = await createComponent(getDb(), componentFields(form), operatorActor(operator));
    done();
    return { notice: `Added "${component.name}".` };
  } catch (error) {
    return toFormState(error, form);
  }
}

export async function editComponentAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const operator = await requirePermission('configure');
    const component = await editComponent(getDb(), formText(form, 'id'), changedFormFields(form, componentFields(form)), operatorActor(operator));
    done();
    return { notice: `Saved "${component.name}".` };
  } catch (error) {
    return toFormState(error, form);
  }
}

export async function deleteComponentAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const operator = await requirePermission('configure');
    const refusal = unconfirmed(form);
    if (refusal) return refusal;
    await deleteComponent(getDb(), formText(form, 'id'), operatorActor(operator));
    done();
  } catch (error) {
    return toFormState(error, form);
  }
  redirect('/admin/components?deleted=component');
}

export async function moveEntryAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const operator = await requirePermission('configure');
    const kind = formText(form, 'kind') === 'group' ? 'group' : 'component';
    await moveEntry(getDb(), { kind, id: formText(form, 'id') }, formText(form, 'step') === 'up' ? -1 : 1, operatorActor(operator));
    done();
    return {};
  } catch (error) {
    return toFormState(error, form);
  }
}

export async function createGroupAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const operator = await requirePermission('configure');
    const group = await createGroup(getDb(), { name: formText(form, 'name'), description: formText(form, 'description'), componentIds: form.getAll('componentIds').map(String) }, operatorActor(operator));
    done();
    return { notice: `Added the group "${group.name}".` };
  } catch (error) {
    return toFormState(error, form);
  }
}

export async function editGroupAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const operator = await requirePermission('configure');
    const group = await editGroup(getDb(), formText(form, 'id'), groupFields(form), operatorActor(operator));
    done();
    return { notice: `Saved the group "${group.name}".` };
  } catch (error) {
    return toFormState(error, form);
  }
}

export async function deleteGroupAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const operator = await requirePermission('configure');
    const refusal = unconfirmed(form);
    if (refusal) return refusal;
    await deleteGroup(getDb(), formText(form, 'id'), operatorActor(operator));
    done();
  } catch (error) {
    return toFormState(error, form);
  }
  redirect('/admin/components?deleted=group');
}
