// Monitors: add, change, pause, delete, and read them with their recent checks. A monitor's own
// settings are not visible on the page; what it does to its component goes through record-check.ts.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../audit/audit-log.ts';
import { requirePermission, type Actor } from '../access/permissions.ts';
import type { Db } from '../db/client.ts';
import { lockForWrite } from '../db/writes.ts';
import { AppError, notFound } from '../errors.ts';
import { findTemplate } from '../incidents/templates.ts';
import { NO_PROBE } from './probes.ts';
import { recordCheckAndIncident } from './record-check.ts';
import { newId } from '../ids.ts';
import { HIDDEN_VALUE, monitorDefaults, monitorSchema, settingsOf, type MonitorCreateInput, type MonitorInput } from './settings.ts';

export type MonitorRow = NonNullable<Awaited<ReturnType<Db['monitor']['findUnique']>>>;

/** What a change may give: any field; settings are merged into the stored ones. */
export type MonitorEditInput = Partial<Omit<MonitorInput, 'kind' | 'settings'>> & { kind?: string; settings?: Record<string, unknown> };

/** A secret for a heartbeat URL: 144 random bits, URL-safe. */
const newHeartbeatToken = () => randomBytes(18).toString('base64url');

/** When a monitor's first check is due: at once, or for a heartbeat when the first call is late. */
function firstDue(monitor: Pick<MonitorInput, 'kind' | 'intervalSeconds' | 'timeoutSeconds'>, at: Date) {
  return monitor.kind === 'heartbeat' ? new Date(at.getTime() + (monitor.intervalSeconds + monitor.timeoutSeconds) * 1000) : at;
}

const rowFields = (monitor: MonitorInput) => ({
  name: monitor.name,
  componentId: monitor.componentId,
  kind: monitor.kind,
  settings: JSON.stringify(monitor.settings),
  intervalSeconds: monitor.intervalSeconds,
  timeoutSeconds: monitor.timeoutSeconds,
  failuresBeforeDown: monitor.failuresBeforeDown,
  successesBeforeUp: monitor.successesBeforeUp,
  downStatus: monitor.downStatus,
  paused: monitor.paused,
  incidentMode: monitor.incidentMode,
  incidentTemplateId: monitor.incidentTemplateId,
  incidentQuietMinutes: monitor.incidentQuietMinutes,
});

async function requireTemplate(db: Db, id: string | null) {
  if (id !== null && !(await findTemplate(db, id))) {
    throw new AppError('invalid_field', 'The incident template it names does not exist; it may have been deleted. Choose another.', [{ field: 'incidentTemplateId', template: id }]);
  }
}

async function requireComponent(db: Pick<Db, 'component'>, id: string) {
  const component = await db.component.findUnique({ where: { id }, select: { id: true, name: true } });
  if (!component) throw new AppError('invalid_field', 'The component it names does not exist; it may have been deleted. Choose another.', [{ field: 'componentId', component: id }]);
  return component;
}

export async function createMonitor(db: Db, input: MonitorCreateInput, actor: Actor, at = new Date()): Promise<MonitorRow> {
  requirePermission(actor, 'components.configure');
  const monitor = monitorSchema.parse({ ...monitorDefaults(input.kind), ...stripUndefined(input) });
  await requireTemplate(db, monitor.incidentTemplateId);
  return db.$transaction(async (tx) => {
    await lockForWrite(db, tx, 'monitors');
    const component = await requireComponent(tx, monitor.componentId);
    const id = newId();
    const row = await tx.monitor.create({
      data: { id, ...rowFields(monitor), heartbeatToken: monitor.kind === 'heartbeat' ? newHeartbeatToken() : null, nextCheckAt: firstDue(monitor, at), createdAt: at },
    });
    await recordAudit(tx, actor, {
      action: 'monitor.create',
      targetType: 'monitor',
      targetId: id,
      summary: `Added monitor "${monitor.name}" on "${component.name}"`,
      details: { kind: monitor.kind, intervalSeconds: monitor.intervalSeconds },
    });
    return row;
  });
}

/** The stored monitor as the input it was made from, to merge a change into. */
function inputOf(row: MonitorRow): MonitorInput {
  const { name, componentId, kind, intervalSeconds, timeoutSeconds, failuresBeforeDown, successesBeforeUp, downStatus, paused, incidentMode, incidentTemplateId, incidentQuietMinutes } = row;
  return {
    ...{ name, componentId, kind, settings: settingsOf(row), intervalSeconds, timeoutSeconds, failuresBeforeDown, successesBeforeUp, downStatus, paused },
    ...{ incidentMode, incidentTemplateId, incidentQuietMinutes },
  } as MonitorInput;
}

/** The monitor before and after `change`, validated whole. */
function merged(row: MonitorRow, change: MonitorEditInput) {
  if (change.kind !== undefined && change.kind !== row.kind) {
    throw new AppError('invalid_field', `A monitor's type cannot change; add a new ${change.kind} monitor and delete this one.`, [{ field: 'kind' }]);
  }
  const before = inputOf(row);
  const { settings, ...rest } = stripUndefined(change);
  const given = stripUndefined(settings ?? {});
  if (given.headers && typeof given.headers === 'object') given.headers = keepHiddenValues(given.headers as Record<string, unknown>, (before.settings as { headers?: Record<string, string> }).headers ?? {});
  const after = monitorSchema.parse({ ...before, ...rest, kind: row.kind, settings: { ...before.settings, ...given } });
  return { before, after };
}

/**
 * Changes what is given and validates the whole monitor again. A kind cannot change (make another
 * monitor). Resuming a paused monitor starts it afresh: its old verdict is no evidence now.
 */
export async function editMonitor(db: Db, id: string, change: MonitorEditInput, actor: Actor, at = new Date()): Promise<MonitorRow> {
  requirePermission(actor, 'components.configure');
  // Checked before the write: templates are read outside its transaction (SQLite has one connection).
  const template = merged(await readMonitor(db, id), change).after.incidentTemplateId;
  await requireTemplate(db, template);
  const { updated, alertsAfresh } = await db.$transaction(async (tx) => {
    await lockForWrite(db, tx, 'monitors');
    const row = await tx.monitor.findUnique({ where: { id } });
    if (!row) throw notFound('monitor', id);
    const { before, after } = merged(row, change);
    if (after.incidentTemplateId !== template) throw new AppError('conflict', 'Someone changed this monitor at the same moment; reload it and try again.');
    const changed = (Object.keys(rowFields(after)) as (keyof ReturnType<typeof rowFields>)[]).filter((field) => rowFields(after)[field] !== rowFields(before)[field]);
    if (!changed.length) return { updated: row, alertsAfresh: false };
    const moved = after.componentId !== before.componentId;
    if (moved) await requireComponent(tx, after.componentId);
    // Resumed, or watching another component: its old verdict is no evidence now.
    const afresh = (before.paused && !after.paused) || moved;
    // An alert monitor given other labels starts afresh too: the alerts it holds were matched by its
    // old labels, or may have resolved while it was paused (the next firing counts again).
    const alertsAfresh = after.kind === 'alert' && (afresh || changed.includes('settings'));
    if (alertsAfresh) await tx.monitorAlert.deleteMany({ where: { monitorId: id } });
    const timing = changed.some((field) => ['intervalSeconds', 'timeoutSeconds', 'settings', 'paused'].includes(field));
    const updated = await tx.monitor.update({
      where: { id },
      data: {
        ...rowFields(after),
        // A new schedule or target is checked at once (a heartbeat: from now on).
        ...(timing && { nextCheckAt: firstDue(after, at) }),
        ...((afresh || alertsAfresh) && { state: 'unknown', stateSince: at, failStreak: 0, answerStreak: 0, slowStreak: 0, fastStreak: 0 }),
      },
    });
    await recordAudit(tx, actor, {
      action: 'monitor.update',
      targetType: 'monitor',
      targetId: id,
      summary: changed.length === 1 && changed[0] === 'paused' ? `${after.paused ? 'Paused' : 'Resumed'} monitor "${after.name}"` : `Edited monitor "${after.name}": ${changed.map(fieldInWords).join(', ')}`,
      details: { changed },
    });
    return { updated, alertsAfresh };
  });
  // No alert held any more: the component comes back until one fires again (senders repeat firing alerts).
  if (alertsAfresh) await recordCheckAndIncident(db, id, { ...NO_PROBE, ok: true, detail: 'no alert held since the monitor changed' }, at);
  return updated;
}

export async function deleteMonitor(db: Db, id: string, actor: Actor): Promise<void> {
  requirePermission(actor, 'components.configure');
  await db.$transaction(async (tx) => {
    await lockForWrite(db, tx, 'monitors');
    const row = await tx.monitor.findUnique({ where: { id }, select: { name: true } });
    if (!row) throw notFound('monitor', id);
    // Its checks and rollups go with it (cascade); the status history it made stays.
    await tx.monitor.delete({ where: { id } });
    await recordAudit(tx, actor, { action: 'monitor.delete', targetType: 'monitor', targetId: id, summary: `Deleted monitor "${row.name}"` });
  });
}

export async function listMonitors(db: Db): Promise<MonitorRow[]> {
  return db.monitor.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
}

export async function readMonitor(db: Db, id: string): Promise<MonitorRow> {
  const row = await db.monitor.findUnique({ where: { id } });
  if (!row) throw notFound('monitor', id);
  return row;
}

/** The URL a heartbeat monitor's job calls. */
export const heartbeatUrl = (baseUrl: string, token: string) => `${baseUrl}/api/heartbeat/${token}`;

/** Each monitor's newest check, by monitor id: one query per monitor on its (monitorId, at) index. */
export async function lastChecks(db: Db, monitorIds: string[]) {
  const rows = await Promise.all(monitorIds.map((monitorId) => db.monitorCheck.findFirst({ where: { monitorId }, orderBy: [{ at: 'desc' }, { id: 'desc' }] })));
  return new Map(rows.flatMap((row) => (row ? [[row.monitorId, row] as const] : [])));
}

export const RECENT_CHECKS = 100;

/** A monitor's latest checks, newest first. */
export async function recentChecks(db: Db, monitorId: string, limit = RECENT_CHECKS) {
  await readMonitor(db, monitorId);
  return db.monitorCheck.findMany({ where: { monitorId }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: z.int().min(1).max(1000).parse(limit) });
}

const FIELD_WORDS: Record<string, string> = {
  name: 'name',
  componentId: 'component',
  settings: 'what it checks',
  intervalSeconds: 'interval',
  timeoutSeconds: 'timeout',
  failuresBeforeDown: 'failures before down',
  successesBeforeUp: 'successes before up',
  downStatus: 'status when down',
  paused: 'paused',
  incidentMode: 'incidents on its own',
  incidentTemplateId: 'incident template',
  incidentQuietMinutes: 'quiet minutes before resolving',
};
const fieldInWords = (field: string) => FIELD_WORDS[field] ?? field;

/** Headers sent back as shown, "(hidden)", keep the value stored for that name. */
function keepHiddenValues(headers: Record<string, unknown>, stored: Record<string, string>) {
  const storedValue = (name: string) => Object.entries(stored).find(([candidate]) => candidate.toLowerCase() === name.toLowerCase())?.[1];
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value === HIDDEN_VALUE ? (storedValue(name) ?? value) : value]));
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
