'use server';
// Incidents, their updates and maintenance from the admin UI: the same verbs, and so the same zod
// schemas and permission checks, as the admin API.
import { changedFormFields, formChoice, formList, formText, formValues } from '../admin-ui/form-state.ts';
import { formTime, pageTimeZone } from '../admin-ui/form-times.ts';
import { createIncident } from '../incidents/create-incident.ts';
import { deleteIncidentUpdate, editIncidentUpdate } from '../incidents/edit-update.ts';
import { deleteIncident, editIncident } from '../incidents/manage-incident.ts';
import { postIncidentUpdate } from '../incidents/post-update.ts';
import { cancelMaintenance, createMaintenance } from '../maintenance/maintenance.ts';
import type { IncidentCreateInput, IncidentEditInput } from '../schemas/incident.ts';
import type { ComponentStatus, IncidentStatus, MaintenanceStatus } from '../schemas/status.ts';
import { adminAction, redirectTo } from './admin-action.ts';

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

/** The incident's version as the form showed it: a write over someone else's newer one is refused (409). */
const shownVersion = (form: FormData) => Number(form.get('version'));

/** "Notify subscribers", which every form posting an update has: unticked (absent), the update is posted quietly. */
const notify = (form: FormData) => form.get('deliverNotifications') === 'on';

export const createIncidentAction = adminAction('incidents.write', async (form, { db, actor }) => {
  const timeZone = await pageTimeZone(db);
  const incident = await createIncident(
    db,
    {
      name: formText(form, 'name'),
      status: formChoice<IncidentStatus>(form, 'status', 'investigating'),
      impact: formChoice<NonNullable<IncidentCreateInput['impact']>>(form, 'impact', 'none'),
      body: formText(form, 'body'),
      components: componentChoices(form).statuses,
      // Given when backfilling a past incident.
      startedAt: formTime(form, 'startedAt', timeZone),
      resolvedAt: formTime(form, 'resolvedAt', timeZone),
      deliverNotifications: notify(form),
    },
    actor,
  );
  return redirectTo(`/admin/incidents/${incident.id}`);
});

export const postUpdateAction = adminAction('incidents.write', async (form, { db, actor }) => {
  const { statuses, keep } = componentChoices(form);
  await postIncidentUpdate(
    db,
    formText(form, 'incidentId'),
    {
      // Empty: the status stays.
      status: formChoice<IncidentStatus | MaintenanceStatus>(form, 'status') || undefined,
      body: formText(form, 'body'),
      components: statuses,
      keepComponentIds: keep,
      expectedVersion: shownVersion(form),
      deliverNotifications: notify(form),
    },
    actor,
  );
  return { notice: 'Posted. Visitors see the update now.' };
});

/** Title and impact, or a maintenance's window: only the fields the operator changed. */
export const editIncidentAction = adminAction('incidents.write', async (form, { db, actor }) => {
  const timeZone = await pageTimeZone(db);
  // Fields a form of this kind has not (impact on a maintenance, a window on an incident) are absent.
  const present = (name: string) => (form.has(name) ? formText(form, name) : undefined);
  const changed = changedFormFields(form, { name: present('name'), impact: present('impact'), scheduledFor: present('scheduledFor'), scheduledUntil: present('scheduledUntil') });
  await editIncident(
    db,
    formText(form, 'incidentId'),
    {
      name: changed.name,
      impact: changed.impact as IncidentEditInput['impact'],
      scheduledFor: changed.scheduledFor === undefined ? undefined : formTime(form, 'scheduledFor', timeZone),
      scheduledUntil: changed.scheduledUntil === undefined ? undefined : formTime(form, 'scheduledUntil', timeZone),
      expectedVersion: shownVersion(form),
    },
    actor,
  );
  return { notice: 'Saved. Visitors see the change now; no update was posted.' };
});

export const cancelMaintenanceAction = adminAction('incidents.write', async (form, { db, actor }) => {
  await cancelMaintenance(db, formText(form, 'incidentId'), { body: formText(form, 'body'), expectedVersion: shownVersion(form), deliverNotifications: notify(form) }, actor);
  return { notice: 'Cancelled. It has left the calendar; its page says it was cancelled.' };
});

export const deleteIncidentAction = adminAction('incidents.write', async (form, { db, actor }) => {
  // The box must be ticked: deleting cannot be undone.
  if (form.get('confirm') !== 'on') return { error: 'Tick the box to confirm: a deleted incident cannot be brought back.', values: formValues(form) };
  await deleteIncident(db, formText(form, 'incidentId'), actor, shownVersion(form));
  return redirectTo('/admin/incidents?deleted=1');
});

export const scheduleMaintenanceAction = adminAction('incidents.write', async (form, { db, actor }) => {
  const timeZone = await pageTimeZone(db);
  const maintenance = await createMaintenance(
    db,
    {
      name: formText(form, 'name'),
      body: formText(form, 'body'),
      scheduledFor: formTime(form, 'scheduledFor', timeZone) as Date,
      scheduledUntil: formTime(form, 'scheduledUntil', timeZone) as Date,
      componentIds: formList(form, 'componentIds'),
      autoInProgress: form.get('autoInProgress') === 'on',
      autoCompleted: form.get('autoCompleted') === 'on',
      deliverNotifications: notify(form),
    },
    actor,
  );
  return redirectTo(`/admin/incidents/${maintenance.id}`);
});

export const editUpdateAction = adminAction('incidents.write', async (form, { db, actor }) => {
  // The field shows minutes: unchanged, it must not cut the seconds off the time posted.
  const changed = changedFormFields(form, { displayAt: formText(form, 'displayAt') });
  const displayAt = changed.displayAt === undefined ? undefined : formTime(form, 'displayAt', await pageTimeZone(db));
  await editIncidentUpdate(db, formText(form, 'incidentId'), formText(form, 'updateId'), { body: formText(form, 'body'), displayAt, expectedVersion: shownVersion(form) }, actor);
  return { notice: 'Saved. Visitors see the corrected update.' };
});

export const deleteUpdateAction = adminAction('incidents.write', async (form, { db, actor }) => {
  // The box must be ticked: deleting cannot be undone.
  if (form.get('confirm') !== 'on') return { error: 'Tick the box to confirm: a deleted update cannot be brought back.', values: formValues(form) };
  await deleteIncidentUpdate(db, formText(form, 'incidentId'), formText(form, 'updateId'), actor, shownVersion(form));
  return { notice: 'Deleted.' };
});
