// Components and groups: create, edit, reorder, delete. Each write is one transaction with its
// audit row, then one announcement so the public page follows.
import { recordAudit } from '../audit/audit-log.ts';
import { isPerson, requirePermission, type Actor } from '../access/permissions.ts';
import { dbProvider, type Db, type Tx } from '../db/client.ts';
import { lockForWrite, visibleWrite, type WriteOutcome } from '../db/writes.ts';
import { notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { forgetDeletedComponents } from '../notifications/deleted-components.ts';
import {
  componentFieldsInWords,
  componentCreateSchema,
  componentStatusUpdateSchema,
  componentEditSchema,
  groupCreateSchema,
  groupEditSchema,
  type ComponentCreateInput,
  type ComponentEditInput,
  type ComponentStatusUpdateInput,
  type GroupCreateInput,
  type GroupEditInput,
} from '../schemas/component.ts';
import { componentStatusLabel } from '../schemas/status.ts';
import { byPageOrder } from '../status/page-order.ts';
import { applyComponentStatuses, loadComponents, lockComponents } from './apply-statuses.ts';

type Entry = { kind: 'component' | 'group'; id: string; position: number; createdAt: Date };

/**
 * A parent's children in page order: a group's components, or (groupId null) the groups and the
 * ungrouped components, which share one ordering.
 */
async function siblings(tx: Tx, groupId: string | null): Promise<Entry[]> {
  const select = { id: true, position: true, createdAt: true };
  const components = await tx.component.findMany({ where: { groupId }, select });
  const groups = groupId === null ? await tx.componentGroup.findMany({ select }) : [];
  return [...groups.map((row) => ({ kind: 'group' as const, ...row })), ...components.map((row) => ({ kind: 'component' as const, ...row }))].sort(byPageOrder);
}

/** Numbers the entries 0, 1, 2 … in the given order, writing only the rows whose position changes. */
async function writeOrder(tx: Tx, entries: Entry[]) {
  for (const [position, entry] of entries.entries()) {
    if (entry.position === position) continue;
    if (entry.kind === 'group') await tx.componentGroup.update({ where: { id: entry.id }, data: { position } });
    else await tx.component.update({ where: { id: entry.id }, data: { position } });
  }
}

/** Puts an entry at `index` among the children of `groupId` (the end when not given) and renumbers them. */
async function place(tx: Tx, entry: Pick<Entry, 'kind' | 'id'>, groupId: string | null, index?: number) {
  const list = (await siblings(tx, groupId)).filter((sibling) => !(sibling.kind === entry.kind && sibling.id === entry.id));
  const at = index === undefined ? list.length : Math.min(index, list.length);
  list.splice(at, 0, { ...entry, position: -1, createdAt: new Date(0) });
  await writeOrder(tx, list);
}

/** Closes the gap an entry left behind. */
async function renumber(tx: Tx, groupId: string | null) {
  await writeOrder(tx, await siblings(tx, groupId));
}

async function requireGroup(tx: Tx, id: string) {
  const group = await tx.componentGroup.findUnique({ where: { id } });
  if (!group) throw notFound('component group', id);
  return group;
}

/** One layout write at a time: positions are read, then written. */
async function write<T>(db: Db, work: (tx: Tx, outcome: WriteOutcome) => Promise<T>): Promise<T> {
  return visibleWrite(db, async (tx, outcome) => {
    await lockForWrite(db, tx, 'layout');
    return work(tx, outcome);
  });
}

export async function createComponent(db: Db, input: ComponentCreateInput, actor: Actor, at = new Date()) {
  requirePermission(actor, 'components.configure');
  const data = componentCreateSchema.parse(input);
  return write(db, async (tx) => {
    const groupId = data.groupId ?? null;
    if (groupId) await requireGroup(tx, groupId);
    const id = newId();
    await tx.component.create({
      data: {
        id,
        name: data.name,
        description: data.description ?? null,
        status: data.status,
        showcase: data.showcase,
        onlyShowIfDegraded: data.onlyShowIfDegraded,
        showResponseTimes: data.showResponseTimes,
        startDate: data.startDate ?? null,
        groupId,
        position: 0,
        createdAt: at,
      },
    });
    // Its history starts now, in the status it starts in: uptime is computed from it.
    await tx.componentStatusChange.create({ data: { id: newId(), componentId: id, status: data.status, at } });
    await place(tx, { kind: 'component', id }, groupId, data.position);
    await recordAudit(tx, actor, { action: 'component.create', targetType: 'component', targetId: id, summary: `Added component "${data.name}"`, details: data });
    return tx.component.findUniqueOrThrow({ where: { id } });
  });
}

/**
 * Changes what is given; a new status goes into the uptime history like any status change. A status
 * alone is `components.status` (editors, the `components` scope); anything else reshapes the page.
 * Only a move takes the layout lock, so status changes from many callers do not queue behind each
 * other; a field given as it already is changes nothing (no write, no audit row, no rebuild).
 */
export async function editComponent(db: Db, id: string, input: ComponentEditInput, actor: Actor, at = new Date()) {
  const statusOnly = Object.entries(input).every(([field, value]) => field === 'status' || value === undefined);
  requirePermission(actor, statusOnly ? 'components.status' : 'components.configure');
  const data = componentEditSchema.parse(input);
  const moves = data.groupId !== undefined || data.position !== undefined;
  return visibleWrite(db, async (tx, outcome) => {
    if (moves) await lockForWrite(db, tx, 'layout');
    // Two writers setting the same status at once: the second reads the row after the first has
    // committed, so only one records (and announces) the change. SQLite runs one write at a time.
    if (dbProvider(db) === 'postgresql') await lockComponents(tx, [id]);
    const [before] = await loadComponents(tx, [id]);
    if (data.status) await applyComponentStatuses(tx, { [id]: data.status }, at, [], null, isPerson(actor));
    // A person setting the status it already has takes it over from the monitors all the same.
    if (data.status === before.status && before.monitorStatus !== null && isPerson(actor)) await tx.component.update({ where: { id }, data: { monitorStatus: null } });
    const { status: _status, position, groupId, ...given } = data;
    const fields = changedFields(before, { ...before, ...given }, Object.keys(given) as (keyof typeof given)[]);
    if (Object.keys(fields).length) await tx.component.update({ where: { id }, data: pick(given, Object.keys(fields)) });
    const newGroupId = groupId === undefined ? before.groupId : groupId;
    if (newGroupId !== before.groupId || (position !== undefined && position !== before.position)) {
      if (newGroupId) await requireGroup(tx, newGroupId);
      await tx.component.update({ where: { id }, data: { groupId: newGroupId } });
      await place(tx, { kind: 'component', id }, newGroupId, position);
      if (newGroupId !== before.groupId) await renumber(tx, before.groupId);
    }
    const after = await tx.component.findUniqueOrThrow({ where: { id } });
    const changes = changedFields(before, after, ['name', 'description', 'status', 'groupId', 'showcase', 'onlyShowIfDegraded', 'showResponseTimes', 'startDate', 'position']);
    const changed = Object.keys(changes);
    if (!changed.length) {
      outcome.nothingVisibleChanged();
      return after;
    }
    await recordAudit(tx, actor, {
      action: 'component.update',
      targetType: 'component',
      targetId: id,
      summary:
        changed.length === 1 && changes.status
          ? `Set "${after.name}" from ${componentStatusLabel(before.status)} to ${componentStatusLabel(after.status)}`
          : `Edited component "${after.name}": ${componentFieldsInWords(changed)}`,
      details: changes,
    });
    return after;
  });
}

/** The one-click status change of the dashboard and the admin API. */
export async function setComponentStatus(db: Db, input: ComponentStatusUpdateInput, actor: Actor, at = new Date()) {
  requirePermission(actor, 'components.status');
  const { componentId, status } = componentStatusUpdateSchema.parse(input);
  return editComponent(db, componentId, { status }, actor, at);
}

/** Removes the component and its uptime history (and from subscribers' lists); past incident updates keep its name. */
export async function deleteComponent(db: Db, id: string, actor: Actor) {
  requirePermission(actor, 'components.configure');
  await write(db, async (tx) => {
    const [component] = await loadComponents(tx, [id]);
    await tx.component.delete({ where: { id } });
    await forgetDeletedComponents(tx, [id]);
    await renumber(tx, component.groupId);
    await recordAudit(tx, actor, { action: 'component.delete', targetType: 'component', targetId: id, summary: `Deleted component "${component.name}"`, details: { name: component.name } });
  });
}

/** Moves a component or group one place up (-1) or down (+1) among its siblings. */
export async function moveEntry(db: Db, entry: { kind: 'component' | 'group'; id: string }, step: -1 | 1, actor: Actor) {
  requirePermission(actor, 'components.configure');
  await write(db, async (tx, outcome) => {
    // Groups sit at the top level; a component among its group's members or the top level.
    const { name, groupId } = entry.kind === 'group' ? { ...(await requireGroup(tx, entry.id)), groupId: null } : (await loadComponents(tx, [entry.id]))[0];
    const list = await siblings(tx, groupId);
    const index = list.findIndex((sibling) => sibling.kind === entry.kind && sibling.id === entry.id);
    const target = index + step;
    // Already first or last: nothing moves.
    if (target < 0 || target >= list.length) return outcome.nothingVisibleChanged();
    await place(tx, entry, groupId, target);
    await recordAudit(tx, actor, {
      action: entry.kind === 'group' ? 'component_group.update' : 'component.update',
      targetType: entry.kind === 'group' ? 'component_group' : 'component',
      targetId: entry.id,
      summary: `Moved ${entry.kind} "${name}" ${step < 0 ? 'up' : 'down'}`,
      details: { position: { from: index, to: target } },
    });
  });
}

/** Makes `componentIds` the group's members in that order; members left out go to the top level. */
async function setMembers(tx: Tx, groupId: string, componentIds: string[]) {
  const components = await loadComponents(tx, componentIds);
  const formerGroups = new Set(components.map((component) => component.groupId).filter((id): id is string => Boolean(id) && id !== groupId));
  const leaving = await tx.component.findMany({ where: { groupId, id: { notIn: componentIds } }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }] });
  for (const component of leaving) {
    await tx.component.update({ where: { id: component.id }, data: { groupId: null } });
    await place(tx, { kind: 'component', id: component.id }, null);
  }
  for (const [position, id] of [...new Set(componentIds)].entries()) await tx.component.update({ where: { id }, data: { groupId, position } });
  for (const formerGroup of formerGroups) await renumber(tx, formerGroup);
  // A member that was at the top level leaves a gap there.
  if (components.some((component) => component.groupId === null)) await renumber(tx, null);
}

export async function createGroup(db: Db, input: GroupCreateInput, actor: Actor) {
  requirePermission(actor, 'components.configure');
  const data = groupCreateSchema.parse(input);
  return write(db, async (tx) => {
    const id = newId();
    await tx.componentGroup.create({ data: { id, name: data.name, description: data.description ?? null, position: 0 } });
    await setMembers(tx, id, data.componentIds);
    await place(tx, { kind: 'group', id }, null, data.position);
    await recordAudit(tx, actor, { action: 'component_group.create', targetType: 'component_group', targetId: id, summary: `Added group "${data.name}"`, details: data });
    return tx.componentGroup.findUniqueOrThrow({ where: { id } });
  });
}

export async function editGroup(db: Db, id: string, input: GroupEditInput, actor: Actor) {
  requirePermission(actor, 'components.configure');
  const data = groupEditSchema.parse(input);
  return write(db, async (tx) => {
    const before = await requireGroup(tx, id);
    const membersBefore = (await tx.component.findMany({ where: { groupId: id }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true } })).map((row) => row.id);
    const { componentIds, addComponentIds = [], removeComponentIds = [], position, ...fields } = data;
    await tx.componentGroup.update({ where: { id }, data: fields });
    const members = componentIds ?? (addComponentIds.length || removeComponentIds.length ? [...membersBefore.filter((member) => !removeComponentIds.includes(member)), ...addComponentIds] : undefined);
    if (members) await setMembers(tx, id, [...new Set(members)]);
    if (position !== undefined) await place(tx, { kind: 'group', id }, null, position);
    const after = await requireGroup(tx, id);
    const changes = changedFields(before, after, ['name', 'description', 'position']);
    const membersAfter = (await tx.component.findMany({ where: { groupId: id }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true } })).map((row) => row.id);
    if (membersAfter.join() !== membersBefore.join()) changes.components = { from: membersBefore, to: membersAfter };
    if (Object.keys(changes).length) {
      await recordAudit(tx, actor, {
        action: 'component_group.update',
        targetType: 'component_group',
        targetId: id,
        summary: `Edited group "${after.name}": ${componentFieldsInWords(Object.keys(changes))}`,
        details: changes,
      });
    }
    return after;
  });
}

/** Removes the group; its components stay, moved to the end of the top level. */
export async function deleteGroup(db: Db, id: string, actor: Actor) {
  requirePermission(actor, 'components.configure');
  await write(db, async (tx) => {
    const group = await requireGroup(tx, id);
    await setMembers(tx, id, []);
    await tx.componentGroup.delete({ where: { id } });
    await renumber(tx, null);
    await recordAudit(tx, actor, { action: 'component_group.delete', targetType: 'component_group', targetId: id, summary: `Deleted group "${group.name}"`, details: { name: group.name } });
  });
}

/** The fields whose values differ, as { field: { from, to } } for the audit log. */
const pick = <T extends object>(value: T, keys: string[]) => Object.fromEntries(Object.entries(value).filter(([key]) => keys.includes(key))) as Partial<T>;

function changedFields<T extends object>(before: T, after: T, fields: (keyof T & string)[]) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const comparable = (value: unknown) => (value instanceof Date ? value.toISOString() : value);
  for (const field of fields) {
    const from = comparable(before[field]);
    const to = comparable(after[field]);
    if (from !== to) changes[field] = { from, to };
  }
  return changes;
}
