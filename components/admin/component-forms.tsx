'use client';
// Forms for components and groups. Each shows its own result (a notice, or what to fix) in place.
import { useActionState } from 'react';
import {
  createComponentAction,
  createGroupAction,
  deleteComponentAction,
  deleteGroupAction,
  editComponentAction,
  editGroupAction,
  moveEntryAction,
} from '@/lib/actions/components';
import { type FormState, wasChecked } from '@/lib/admin-ui/form-state';
import { COMPONENT_STATUS_OPTIONS } from '@/lib/schemas/status';
import { BUTTON, FormError, FormOutcome, Select, SECONDARY_BUTTON, ShownValues, TextField } from './fields';

type Action = (state: FormState, form: FormData) => Promise<FormState>;

export interface EditableComponent {
  id: string;
  name: string;
  description: string | null;
  status: string;
  groupId: string | null;
  showcase: boolean;
  onlyShowIfDegraded: boolean;
  showResponseTimes: boolean;
  /** YYYY-MM-DD */
  startDate: string | null;
}

/** Adds a component, or edits `component`. After a failed submit it shows what was typed. */
export function ComponentForm({ component, groups }: { component?: EditableComponent; groups: { id: string; name: string }[] }) {
  const [state, action, pending] = useActionState<FormState, FormData>(component ? editComponentAction : createComponentAction, {});
  // A fresh form after an add, so the next component starts blank.
  const values = state.error ? state.values : undefined;
  const initial = (field: keyof EditableComponent) => values?.[field] ?? (component?.[field] as string | null | undefined) ?? undefined;
  const prefix = component ? 'edit' : 'new';
  return (
    <form action={action} className="space-y-4" key={state.notice}>
      <FormOutcome state={state} />
      {component && (
        <>
          <input type="hidden" name="id" value={component.id} />
          <ShownValues
            values={{
              name: component.name,
              description: component.description ?? '',
              status: component.status,
              groupId: component.groupId ?? '',
              startDate: component.startDate ?? '',
              showcase: component.showcase ? 'on' : '',
              onlyShowIfDegraded: component.onlyShowIfDegraded ? 'on' : '',
              showResponseTimes: component.showResponseTimes ? 'on' : '',
            }}
          />
        </>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField id={`${prefix}-name`} name="name" label="Name" required maxLength={100} defaultValue={initial('name')} error={state.fieldErrors?.name} />
        <Select
          id={`${prefix}-groupId`}
          name="groupId"
          label="Group"
          defaultValue={initial('groupId') ?? ''}
          options={[{ value: '', label: 'None (top level)' }, ...groups.map((group) => ({ value: group.id, label: group.name }))]}
          error={state.fieldErrors?.groupId}
        />
      </div>
      <TextField id={`${prefix}-description`} name="description" label="Description" maxLength={1000} hint="Optional. Shown to visitors under the name." defaultValue={initial('description')} error={state.fieldErrors?.description} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Select
          id={`${prefix}-status`}
          name="status"
          label="Status"
          defaultValue={initial('status') ?? 'operational'}
          options={COMPONENT_STATUS_OPTIONS}
          error={state.fieldErrors?.status}
        />
        <TextField id={`${prefix}-startDate`} name="startDate" label="In service since" type="date" hint="Optional. Uptime is counted from this day, even one before you added the component; earlier days show no data." defaultValue={initial('startDate')} error={state.fieldErrors?.startDate} />
      </div>
      <fieldset className="space-y-1 text-sm">
        <legend className="font-medium">On the public page</legend>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="showcase" defaultChecked={wasChecked(values, 'showcase', 'on', component?.showcase ?? true)} />
          Show its 90-day uptime bar
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="onlyShowIfDegraded" defaultChecked={wasChecked(values, 'onlyShowIfDegraded', 'on', component?.onlyShowIfDegraded ?? false)} />
          Only show it while it is not operational
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="showResponseTimes" defaultChecked={wasChecked(values, 'showResponseTimes', 'on', component?.showResponseTimes ?? false)} />
          Show response times from its monitor (last 24 hours, 7 days, 90 days)
        </label>
      </fieldset>
      <button type="submit" className={BUTTON} disabled={pending}>
        {component ? 'Save component' : 'Add component'}
      </button>
    </form>
  );
}

/** Adds a group, or edits `group`: its name, description and members (ticked ones, in page order). */
export function GroupForm({
  group,
  components,
}: {
  group?: { id: string; name: string; description: string | null; componentIds: string[] };
  components: { id: string; name: string; groupName: string | null }[];
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(group ? editGroupAction : createGroupAction, {});
  const values = state.error ? state.values : undefined;
  const prefix = group ? 'edit-group' : 'new-group';
  return (
    <form action={action} className="space-y-4" key={state.notice}>
      <FormOutcome state={state} />
      {group && (
        <>
          <input type="hidden" name="id" value={group.id} />
          <ShownValues values={{ name: group.name, description: group.description ?? '', componentIds: group.componentIds.join(' ') }} />
        </>
      )}
      <TextField id={`${prefix}-name`} name="name" label="Group name" required maxLength={100} defaultValue={values?.name ?? group?.name} error={state.fieldErrors?.name} />
      <TextField id={`${prefix}-description`} name="description" label="Description" maxLength={1000} defaultValue={values?.description ?? group?.description ?? undefined} error={state.fieldErrors?.description} />
      <fieldset>
        <legend className="text-sm font-medium">Components in this group</legend>
        <p className="text-xs text-slate-500 dark:text-slate-400">A component belongs to one group at most: ticking one moves it here. Unticked members move to the top level.</p>
        {state.fieldErrors?.componentIds && <p className="text-sm text-major">{state.fieldErrors.componentIds}</p>}
        <div className="mt-2 grid gap-1 sm:grid-cols-2">
          {components.map((component) => (
            <label key={component.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="componentIds" value={component.id} defaultChecked={wasChecked(values, 'componentIds', component.id, group?.componentIds.includes(component.id) ?? false)} />
              {component.name}
              {component.groupName && component.groupName !== group?.name && <span className="text-xs text-slate-500 dark:text-slate-400">(in {component.groupName})</span>}
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" className={BUTTON} disabled={pending}>
        {group ? 'Save group' : 'Add group'}
      </button>
    </form>
  );
}

/** Deleting, behind a disclosure and the name typed out. */
export function DeleteForm({ kind, id, name, consequence }: { kind: 'component' | 'group'; id: string; name: string; consequence: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>((kind === 'group' ? deleteGroupAction : deleteComponentAction) as Action, {});
  return (
    <details className="rounded-lg border border-major/40 p-4" open={Boolean(state.error)}>
      <summary className="cursor-pointer text-sm font-semibold text-major">Delete this {kind}…</summary>
      <form action={action} className="mt-3 space-y-3">
        <p className="text-sm">{consequence}</p>
        <FormError message={state.error} />
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="name" value={name} />
        <TextField name="confirm" label={`Type "${name}" to confirm`} autoComplete="off" required error={state.fieldErrors?.confirm} />
        <button type="submit" disabled={pending} className="inline-flex items-center rounded-md bg-major px-4 py-2 text-sm font-semibold text-on-status hover:opacity-90 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:opacity-60">
          Delete {kind}
        </button>
      </form>
    </details>
  );
}

/** Up and down among its siblings; a refusal (role, or deleted meanwhile) shows beside the buttons. */
export function MoveButtons({ kind, id, name, first, last }: { kind: 'component' | 'group'; id: string; name: string; first: boolean; last: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(moveEntryAction, {});
  return (
    <form action={action} className="flex items-center gap-1">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" name="step" value="up" disabled={first || pending} aria-label={`Move ${name} up`} className={`${SECONDARY_BUTTON} px-2 disabled:opacity-40`}>
        ↑
      </button>
      <button type="submit" name="step" value="down" disabled={last || pending} aria-label={`Move ${name} down`} className={`${SECONDARY_BUTTON} px-2 disabled:opacity-40`}>
        ↓
      </button>
      <FormError message={state.error} />
    </form>
  );
}
