// Incidents a monitor opens and resolves on its own, where the operator turned that on. One incident
// per outage: while it is open, failures add nothing; a recovery posts "monitoring" and resolves only
// after checks have passed for the quiet minutes; failing again meanwhile (or soon after it was
// resolved) goes back to "investigating" on the same incident. So flapping never spams incidents.
// Judged from the monitor's state after each check, not from the change alone: a process that died
// between recording a check and opening its incident leaves nothing undone.
import { monitorActor } from '../access/permissions.ts';
import type { Db } from '../db/client.ts';
import { createIncident } from '../incidents/create-incident.ts';
import { postIncidentUpdate } from '../incidents/post-update.ts';
import { findTemplate } from '../incidents/templates.ts';
import { isClosedIncidentStatus, UNRESOLVED_INCIDENT_STATUSES } from '../schemas/status.ts';
import { failureOf } from './failures.ts';

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
export async function followWithIncident(db: Db, monitorId: string, lastCode: string | null, at = new Date()): Promise<IncidentStep> {
  const monitor = await db.monitor.findUnique({ where: { id: monitorId }, include: { openIncident: true, component: { select: { id: true, status: true } } } });
  if (!monitor || monitor.paused || monitor.incidentMode === 'off') return null;
  const actor = monitorActor(monitor);
  const incident = monitor.openIncident;
  const open = incident !== null && !isClosedIncidentStatus(incident.status);
  const failure = failureOf(lastCode);
  const what = failure ? ` (${failure.label})` : '';

  if (monitor.state === 'down') {
    // Maintenance explains the outage; no incident for it.
    if (monitor.component.status === 'under_maintenance') return null;
    if (open) {
      if (incident.status !== 'monitoring') return null;
      await postIncidentUpdate(db, incident.id, { status: 'investigating', body: `Our checks fail again${what}. We are investigating.` }, actor);
      return 'investigating_again';
    }
    if (incident?.resolvedAt && at.getTime() - incident.resolvedAt.getTime() < REOPEN_WITHIN_MS) {
      await postIncidentUpdate(db, incident.id, { status: 'investigating', body: `The problem is back: our checks fail again${what}. We are investigating.` }, actor);
      return 'reopened';
    }
    // An operator already has an open incident on this component: that is the one for this outage.
    const operatorsIncident = await db.incidentComponent.findFirst({ where: { componentId: monitor.componentId, incident: { kind: 'incident', status: { in: [...UNRESOLVED_INCIDENT_STATUSES] } } } });
    if (operatorsIncident) return null;
    const template = await findTemplate(db, monitor.incidentTemplateId ?? (lastCode === 'http_502' ? '502-bad-gateway' : 'outage'));
    if (!template) return null;
    // The component is affected; its status stays the status rule's (a person's choice is kept).
    const opened = await createIncident(db, { name: template.name, status: template.status, impact: template.impact, body: template.body, componentIds: [monitor.componentId] }, actor);
    await db.monitor.update({ where: { id: monitor.id }, data: { openIncidentId: opened.id } });
    return 'opened';
  }

  if (monitor.state === 'up' && open && monitor.incidentMode === 'open_and_resolve') {
    const upForMs = at.getTime() - (monitor.stateSince ?? at).getTime();
    if (upForMs >= monitor.incidentQuietMinutes * 60_000) {
      const minutes = monitor.incidentQuietMinutes;
      const body = minutes ? `This incident has been resolved: our checks have passed for ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.` : 'This incident has been resolved: our checks pass again.';
      await postIncidentUpdate(db, incident.id, { status: 'resolved', body, keepComponentIds: [monitor.componentId] }, actor);
      return 'resolved';
    }
    if (incident.status !== 'monitoring') {
      await postIncidentUpdate(db, incident.id, { status: 'monitoring', body: 'Our checks pass again. We are watching to make sure it stays fixed.' }, actor);
      return 'monitoring';
    }
  }
  return null;
}
