// Incidents a monitor opens and resolves on its own, where the operator turned that on. One incident
// per outage: while it is open, failures add nothing; a recovery posts "monitoring" and resolves only
// after checks have passed for the quiet minutes (and every monitor of the component is up again);
// failing again meanwhile, or soon after it was resolved, goes back to "investigating" on the same
// incident. So flapping never spams incidents. An incident an operator resolved while the outage went
// on stays resolved. Judged from the monitor's state after each check, not from the change alone: a
// process that died between recording a check and opening its incident leaves nothing undone.
import { monitorActor, type Actor } from '../access/permissions.ts';
import type { Db, Tx } from '../db/client.ts';
import { lockForWrite, visibleWrite } from '../db/writes.ts';
import { writeNewIncident } from '../incidents/create-incident.ts';
import { incidentAtVersion } from '../incidents/incident-version.ts';
import { writeIncidentUpdate } from '../incidents/post-update.ts';
import { findTemplate } from '../incidents/templates.ts';
import { incidentCreateSchema, incidentUpdateCreateSchema, type IncidentUpdateCreateInput } from '../schemas/incident.ts';
import { isClosedIncidentStatus, UNRESOLVED_INCIDENT_STATUSES } from '../schemas/status.ts';
import { failureOf } from './failures.ts';
import { worstState, type MonitorState } from './status-rule.ts';

/** A resolved incident failing again within this time is reopened, not opened anew: one outage, flapping. */
const REOPEN_WITHIN_MS = 30 * 60_000;

export type IncidentStep = 'opened' | 'reopened' | 'investigating_again' | 'monitoring' | 'resolved' | null;

/**
 * Whether followWithIncident may have anything to do after a check that left the monitor so: false
 * when it opens no incidents, is paused, or is not down and has no incident open. Most checks, so
 * they skip its reads.
 */
export function mayTakeIncidentStep(monitor: { paused: boolean; incidentMode: string; state: string; openIncidentId: string | null }): boolean {
  if (monitor.paused || monitor.incidentMode === 'off') return false;
  return monitor.state === 'down' || monitor.openIncidentId !== null;
}

/** After a check of `monitorId` was recorded: opens, updates or resolves its incident as its state says. */
export async function followWithIncident(db: Db, monitorId: string, check: { ok: boolean; code: string | null }, at = new Date()): Promise<IncidentStep> {
  // Most checks are of monitors that open no incidents: one small read, no transaction.
  const glance = await db.monitor.findUnique({ where: { id: monitorId }, select: { paused: true, incidentMode: true, componentId: true } });
  if (!glance || glance.paused || glance.incidentMode === 'off') return null;
  // The template is read before the write (SQLite has one connection: none may be read inside it).
  const templates = { '502-bad-gateway': await findTemplate(db, '502-bad-gateway'), outage: await findTemplate(db, 'outage') };
  return visibleWrite(db, async (tx, outcome) => {
    // One decision per component at a time, across processes: never two incidents for one outage.
    await lockForWrite(db, tx, `monitor-incident.${glance.componentId}`);
    const step = await decide(tx, monitorId, check, at, async (id) => (id in templates ? templates[id as keyof typeof templates] : tx.incidentTemplate.findUnique({ where: { id } })));
    if (!step) outcome.nothingVisibleChanged();
    return step;
  });
}

type TemplateLookup = (id: string) => Promise<{ name: string; status: string; impact: string; body: string } | null | undefined>;

async function decide(tx: Tx, monitorId: string, check: { ok: boolean; code: string | null }, at: Date, template: TemplateLookup): Promise<IncidentStep> {
  const monitor = await tx.monitor.findUnique({
    where: { id: monitorId },
    include: { openIncident: true, component: { select: { status: true, monitors: { where: { paused: false }, select: { state: true } } } } },
  });
  if (!monitor || monitor.paused || monitor.incidentMode === 'off') return null;
  const actor = monitorActor(monitor);
  const incident = monitor.openIncident;
  const open = incident !== null && !isClosedIncidentStatus(incident.status);
  const failure = failureOf(check.code);
  const what = failure ? ` (${failure.label})` : '';
  const update = async (id: string, input: IncidentUpdateCreateInput) => writeIncidentUpdate(tx, await incidentAtVersion(tx, id), incidentUpdateCreateSchema.parse(input), actor);

  // Down, and the latest check failed (not a passing one on the way back up).
  if (monitor.state === 'down' && !check.ok) {
    // Maintenance explains the outage; no incident for it.
    if (monitor.component.status === 'under_maintenance') return null;
    if (open) {
      if (incident.status !== 'monitoring') return null;
      await update(incident.id, { status: 'investigating', body: `Our checks fail again${what}. We are investigating.` });
      return 'investigating_again';
    }
    if (incident?.resolvedAt) {
      // Resolved while this outage went on: someone decided; it stays resolved.
      if (!monitor.stateSince || monitor.stateSince <= incident.resolvedAt) return null;
      if (at.getTime() - incident.resolvedAt.getTime() < REOPEN_WITHIN_MS) {
        await update(incident.id, { status: 'investigating', body: `The problem is back: our checks fail again${what}. We are investigating.` });
        return 'reopened';
      }
    }
    // Another open incident on this component (an operator's, or another monitor's) is the one for this outage.
    const another = await tx.incidentComponent.findFirst({ where: { componentId: monitor.componentId, incident: { kind: 'incident', status: { in: [...UNRESOLVED_INCIDENT_STATUSES] } } } });
    if (another) return null;
    const chosen = await template(monitor.incidentTemplateId ?? (check.code === 'http_502' ? '502-bad-gateway' : 'outage'));
    if (!chosen) return null;
    // The component is affected; its status stays the status rule's (a person's choice is kept).
    const data = incidentCreateSchema.parse({ name: chosen.name, status: chosen.status, impact: chosen.impact, body: chosen.body, componentIds: [monitor.componentId] });
    const opened = await writeNewIncident(tx, data, actor as Actor);
    await tx.monitor.update({ where: { id: monitor.id }, data: { openIncidentId: opened.id } });
    return 'opened';
  }

  // Up, its incident open, and every monitor of the component up too: monitoring, then resolved.
  const componentUp = worstState(monitor.component.monitors.map((other) => other.state as MonitorState)) === 'up';
  if (monitor.state === 'up' && check.ok && open && monitor.incidentMode === 'open_and_resolve' && componentUp) {
    const upForMs = at.getTime() - (monitor.stateSince ?? at).getTime();
    if (upForMs >= monitor.incidentQuietMinutes * 60_000) {
      const minutes = monitor.incidentQuietMinutes;
      const body = minutes ? `This incident has been resolved: our checks have passed for ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.` : 'This incident has been resolved: our checks pass again.';
      await update(incident.id, { status: 'resolved', body, keepComponentIds: [monitor.componentId] });
      return 'resolved';
    }
    if (incident.status !== 'monitoring') {
      await update(incident.id, { status: 'monitoring', body: 'Our checks pass again. We are watching to make sure it stays fixed.' });
      return 'monitoring';
    }
  }
  return null;
}
