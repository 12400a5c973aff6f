'use server';
// The admin UI's writes: each checks the operator and their role, then calls the same lib
// functions (and so the same zod schemas) as the admin API.
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { changedFormFields, type FormState, formText, formValues, toFormState } from '@/lib/admin-ui/form-state';
import { formTime, pageTimeZone } from '@/lib/admin-ui/form-times';
import { requireOperator, requirePermission } from '@/lib/admin-ui/require-operator';
import { createApiKey, revokeApiKey } from '@/lib/api-keys/api-keys';
import { changePassword, createOwner, logIn, logOut, operatorActor } from '@/lib/auth/operators';
import { setComponentStatus } from '@/lib/components/manage-components';
import { getDb } from '@/lib/db/client';
import { createIncident } from '@/lib/incidents/create-incident';
import { deleteIncidentUpdate, editIncidentUpdate } from '@/lib/incidents/edit-update';
import { deleteIncident, editIncident } from '@/lib/incidents/manage-incident';
import { postIncidentUpdate } from '@/lib/incidents/post-update';
import { cancelMaintenance, createMaintenance } from '@/lib/maintenance/maintenance';
import { removeDemoContent } from '@/lib/seed/remove-demo';
import { COMPONENT_STATUS_LABELS, type ComponentStatus } from '@/lib/schemas/status';

/**
 * The `component:<id>` fields: a status to set, `keep` (affected, left as it is) or empty (not
 * affected).
 */
function componentChoices(form: FormData) {
  const statuses: Record<string, ComponentStatus> = {};
  const keep: string[] = [];
  for (const [name, value] of form) {
    if (!name.startsWith('component:') || typeof value !== 'string' || !value) continue;
    const id = name.slice('component:'.length);
    if (value === 'keep') keep.push(id);
    else statuses[id] = value as ComponentStatus;
  }
  return { statuses, keep };
}

export async function setUpAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const details = { name: formText(form, 'name'), email: formText(form, 'email'), password: formText(form, 'password') };
    await createOwner(getDb(), details);
    await logIn(details, await headers());
  } catch (error) {
    return toFormState(error, form);
  }
  redirect('/admin');
}

export async function logInAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    await logIn({ email: formText(form, 'email'), password: formText(form, 'password') }, await headers());
  } catch (error) {
    return toFormState(error, form);
  }
  redirect('/admin');
}

export async function logOutAction() {
  await logOut(await headers());
  redirect('/admin/login');
}

export async function setComponentStatusAction(_state: FormState, form: FormData): Promise<FormState> {
  let component: { name: string; status: string };
  try {
    const operator = await requirePermission('communicate');
    component = await setComponentStatus(getDb(), { componentId: String(form.get('componentId')), status: String(form.get('status')) as ComponentStatus }, operatorActor(operator));
  } catch (error) {
    return toFormState(error, form);
  }
  revalidatePath('/admin');
  return { notice: `${component.name} is now shown as ${COMPONENT_STATUS_LABELS[component.status as ComponentStatus].toLowerCase()}.` };
}

export async function createIncidentAction(_state: FormState, form: FormData): Promise<FormState> {
  let id: string;
  try {
    const operator = await requirePermission('communicate');
    const timeZone = await pageTimeZone(getDb());
    const incident = await createIncident(
      getDb(),
      {
        name: formText(form, 'name'),
        status: String(form.get('status') ?? 'investigating') as never,
        impact: String(form.get('impact') ?? 'none') as never,
        body: formText(form, 'body'),
        components: componentChoices(form).statuses,
        // Given when backfilling a past incident.
        startedAt: formTime(form, 'startedAt', timeZone),
        resolvedAt: formTime(form, 'resolvedAt', timeZone),
      },
      operatorActor(operator),
    );
    id = incident.id;
  } catch (error) {
    return toFormState(error, form);
  }
  redirect(`/admin/incidents/${id}`);
}

export async function postUpdateAction(_state: FormState, form: FormData): Promise<FormState> {
  const incidentId = formText(form, 'incidentId');
  try {
    const operator = await requirePermission('communicate');
    const { statuses, keep } = componentChoices(form);
    await postIncidentUpdate(
      getDb(),
      incidentId,
      {
        status: (formText(form, 'status') || undefined) as never,
        body: formText(form, 'body'),
        components: statuses,
        keepComponentIds: keep,
        expectedVersion: Number(form.get('version')),
      },
      operatorActor(operator),
    );
  } catch (error) {
    return toFormState(error, form);
  }
  revalidatePath(`/admin/incidents/${incidentId}`);
  return { notice: 'Posted. Visitors see the update now.' };
}

/** Title and impact, or a maintenance's window: only the fields the operator changed. */
export async function editIncidentAction(_state: FormState, form: FormData): Promise<FormState> {
  const incidentId = formText(form, 'incidentId');
  try {
    const operator = await requirePermission('communicate');
    const timeZone = await pageTimeZone(getDb());
    // Fields a form of this kind has not (impact on a maintenance, a window on an incident) are absent.
    const present = (name: string) => (form.has(name) ? formText(form, name) : undefined);
    const changed = changedFormFields(form, { name: present('name'), impact: present('impact'), scheduledFor: present('scheduledFor'), scheduledUntil: present('scheduledUntil') });
    await editIncident(
      getDb(),
      incidentId,
      {
        name: changed.name,
        impact: changed.impact as never,
        scheduledFor: changed.scheduledFor === undefined ? undefined : formTime(form, 'scheduledFor', timeZone),
        scheduledUntil: changed.scheduledUntil === undefined ? undefined : formTime(form, 'scheduledUntil', timeZone),
        expectedVersion: Number(form.get('version')),
      },
      operatorActor(operator),
    );
  } catch (error) {
    return toFormState(error, form);
  }
  revalidatePath(`/admin/incidents/${incidentId}`);
  return { notice: 'Saved. Visitors see the change now; no update was posted.' };
}

export async function cancelMaintenanceAction(_state: FormState, form: FormData): Promise<FormState> {
  const incidentId = formText(form, 'incidentId');
  try {
    const operator = await requirePermission('communicate');
    await cancelMaintenance(getDb(), incidentId, { body: formText(form, 'body'), expectedVersion: Number(form.get('version')) }, operatorActor(operator));
  } catch (error) {
    return toFormState(error, form);
  }
  revalidatePath(`/admin/incidents/${incidentId}`);
  return { notice: 'Cancelled. It has left the calendar; its page says it was cancelled.' };
}

export async function deleteIncidentAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const operator = await requirePermission('communicate');
    // The box must be ticked: deleting cannot be undone.
    if (form.get('confirm') !== 'on') return { error: 'Tick the box to confirm: a deleted incident cannot be brought back.', values: formValues(form) };
    await deleteIncident(getDb(), formText(form, 'incidentId'), operatorActor(operator), Number(form.get('version')));
  } catch (error) {
    return toFormState(error, form);
  }
  redirect('/admin/incidents?deleted=1');
}

export async function removeDemoContentAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const operator = await requirePermission('configure');
    if (form.get('confirm') !== 'on') return { error: 'Tick the box to confirm: the demo content cannot be brought back.' };
    await removeDemoContent(getDb(), operatorActor(operator));
  } catch (error) {
    return toFormState(error, form);
  }
  // The notice offering removal is gone with the content: the dashboard says it is done.
  redirect('/admin?demo=removed');
}

/** The new key is in the returned state: the only time it is ever shown. */
export async function createApiKeyAction(_state: FormState & { key?: string }, form: FormData): Promise<FormState & { key?: string }> {
  try {
    const operator = await requirePermission('configure');
    const { key } = await createApiKey(getDb(), { name: formText(form, 'name'), scopes: form.getAll('scopes').map(String) as never }, operatorActor(operator));
    revalidatePath('/admin/api-keys');
    return { key };
  } catch (error) {
    return toFormState(error, form);
  }
}

export async function revokeApiKeyAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const operator = await requirePermission('configure');
    await revokeApiKey(getDb(), formText(form, 'id'), operatorActor(operator));
  } catch (error) {
    return toFormState(error, form);
  }
  revalidatePath('/admin/api-keys');
  return { notice: 'Revoked.' };
}

export async function changePasswordAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    await requireOperator();
    await changePassword(await headers(), { currentPassword: formText(form, 'currentPassword'), newPassword: formText(form, 'newPassword') });
  } catch (error) {
    return toFormState(error, form);
  }
  // A fresh request: this session was replaced by a new one, whose cookie the redirect carries.
  redirect('/admin/account?password=changed');
}

export async function scheduleMaintenanceAction(_state: FormState, form: FormData): Promise<FormState> {
  let id: string;
  try {
    const operator = await requirePermission('communicate');
    const timeZone = await pageTimeZone(getDb());
    const maintenance = await createMaintenance(
      getDb(),
      {
        name: formText(form, 'name'),
        body: formText(form, 'body'),
        scheduledFor: formTime(form, 'scheduledFor', timeZone) as Date,
        scheduledUntil: formTime(form, 'scheduledUntil', timeZone) as Date,
        componentIds: form.getAll('componentIds').map(String),
        autoInProgress: form.get('autoInProgress') === 'on',
        autoCompleted: form.get('autoCompleted') === 'on',
      },
      operatorActor(operator),
    );
    id = maintenance.id;
  } catch (error) {
    return toFormState(error, form);
  }
  redirect(`/admin/incidents/${id}`);
}

export async function editUpdateAction(_state: FormState, form: FormData): Promise<FormState> {
  const incidentId = formText(form, 'incidentId');
  try {
    const operator = await requirePermission('communicate');
    // The field shows minutes: unchanged, it must not cut the seconds off the time posted.
    const changed = changedFormFields(form, { displayAt: formText(form, 'displayAt') });
    const displayAt = changed.displayAt === undefined ? undefined : formTime(form, 'displayAt', await pageTimeZone(getDb()));
    await editIncidentUpdate(
      getDb(),
      incidentId,
      formText(form, 'updateId'),
      { body: formText(form, 'body'), displayAt, expectedVersion: Number(form.get('version')) },
      operatorActor(operator),
    );
  } catch (error) {
    return toFormState(error, form);
  }
  revalidatePath(`/admin/incidents/${incidentId}`);
  return { notice: 'Saved. Visitors see the corrected update.' };
}

export async function deleteUpdateAction(_state: FormState, form: FormData): Promise<FormState> {
  const incidentId = formText(form, 'incidentId');
  try {
    const operator = await requirePermission('communicate');
    // The box must be ticked: deleting cannot be undone.
    if (form.get('confirm') !== 'on') return { error: 'Tick the box to confirm: a deleted update cannot be brought back.', values: formValues(form) };
    await deleteIncidentUpdate(getDb(), incidentId, formText(form, 'updateId'), operatorActor(operator), Number(form.get('version')));
  } catch (error) {
    return toFormState(error, form);
  }
  revalidatePath(`/admin/incidents/${incidentId}`);
  return { notice: 'Deleted.' };
}
