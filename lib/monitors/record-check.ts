// One check's result, recorded: the check row, the monitor's new state, and (by the rule in
// status-rule.ts) the component's status, all in one transaction. A result that changes no status
// is not announced, so it costs no snapshot rebuild.
import { monitorActor, requirePermission } from '../access/permissions.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { applyComponentStatuses } from '../components/apply-statuses.ts';
import { dbProvider, type Db, type Tx } from '../db/client.ts';
import { visibleWrite, type WriteOutcome } from '../db/writes.ts';
import { newId } from '../ids.ts';
import { componentStatusLabel, type ComponentStatus } from '../schemas/status.ts';
import { FAILURES } from './failures.ts';
import { checksOverdueAt } from './freshness.ts';
import { followWithIncident, mayTakeIncidentStep, type IncidentStep } from './auto-incidents.ts';
import type { ProbeResult } from './probes.ts';
import { nextMonitorState, statusDecision, statusForState, worstState, type CheckOutcome, type MonitorState, type StatusDecision } from './status-rule.ts';

export interface RecordedCheck {
  state: MonitorState;
  previousState: MonitorState;
  decision: StatusDecision;
  /** What its incident did after it (auto-incidents.ts), when its monitor opens them. */
  incident?: IncidentStep;
  /** False when there is certainly no incident step to take after it (see mayTakeIncidentStep). */
  incidentStepPossible: boolean;
}

const outcomeOf = (result: Pick<ProbeResult, 'ok' | 'code'>): CheckOutcome => (!result.ok ? 'fail' : result.code === 'slow' ? 'slow' : 'fast');

/** The component's status the monitors call for: the worst state among them, with that monitor's outage status. */
function verdictOf(monitors: { state: string; downStatus: string }[]): ComponentStatus | null {
  const state = worstState(monitors.map((monitor) => monitor.state as MonitorState));
  const downStatus = monitors.some((monitor) => monitor.state === 'down' && monitor.downStatus === 'major_outage') ? 'major_outage' : 'partial_outage';
  return statusForState(state, downStatus);
}

/** On PostgreSQL, inside a write: locks the row of the monitor's component, as lockComponents does, in one statement. */
async function lockComponentOfMonitor(tx: Tx, monitorId: string) {
  await tx.$executeRaw`UPDATE "Component" SET "status" = "status" WHERE "id" = (SELECT "componentId" FROM "Monitor" WHERE "id" = ${monitorId})`;
}

/**
 * Records `result` for the monitor and applies the status rule to its component. `nextCheckAt`
 * moves a heartbeat's deadline on. Null when the monitor was deleted meanwhile.
 */
export async function recordCheck(db: Db, monitorId: string, result: ProbeResult, at = new Date(), options: { nextCheckAt?: Date } = {}): Promise<RecordedCheck | null> {
  return visibleWrite(db, (tx, outcome) => recordCheckIn(db, tx, outcome, monitorId, result, at, options));
}

/**
 * Records a check, then the incident its monitor opens or resolves, if any: what the scheduler, a
 * heartbeat and "check now" do with a result.
 */
export async function recordCheckAndIncident(db: Db, monitorId: string, result: ProbeResult, at: Date, options?: { nextCheckAt?: Date }): Promise<RecordedCheck | null> {
  const recorded = await recordCheck(db, monitorId, result, at, options);
  if (recorded) recorded.incident = recorded.incidentStepPossible ? await followWithIncident(db, monitorId, result, at) : null;
  return recorded;
}

/**
 * recordCheck inside a write's transaction the caller runs, for a caller that decides in the same
 * transaction whether there is a check to record (the alert intake). The caller then follows with
 * followWithIncident once it has committed.
 */
export async function recordCheckIn(db: Db, tx: Tx, outcome: WriteOutcome, monitorId: string, result: ProbeResult, at: Date, options: { nextCheckAt?: Date } = {}): Promise<RecordedCheck | null> {
  // Monitors of one component decide its status one at a time (on SQLite visibleWrite holds the
  // file's write lock): the monitor is read once its component is locked.
  if (dbProvider(db) === 'postgresql') await lockComponentOfMonitor(tx, monitorId);
  const monitor = await tx.monitor.findUnique({ where: { id: monitorId } });
  if (!monitor) {
    outcome.nothingVisibleChanged();
    return null;
  }
  const previousState = monitor.state as MonitorState;
  // Checks arriving again after a silence: the page says the status is unconfirmed until it rebuilds.
  const wasOverdue = monitor.kind !== 'alert' && checksOverdueAt(monitor) <= at;
  const { state, streaks } = nextMonitorState(previousState, monitor, outcomeOf(result), monitor);
  const incidentStepPossible = mayTakeIncidentStep({ ...monitor, state });
  await tx.monitorCheck.create({
    data: {
      id: newId(),
      monitorId,
      at,
      ok: result.ok,
      code: result.code,
      detail: result.detail,
      statusCode: result.statusCode,
      durationMs: result.durationMs,
      connectMs: result.connectMs,
      firstByteMs: result.firstByteMs,
    },
  });
  await tx.monitor.update({
    where: { id: monitorId },
    data: {
      state,
      ...(state !== previousState && { stateSince: at }),
      ...streaks,
      lastCheckAt: at,
      ...(result.certExpiresAt && { certExpiresAt: result.certExpiresAt }),
      ...(options.nextCheckAt && { nextCheckAt: options.nextCheckAt }),
    },
  });

  const component = await tx.component.findUniqueOrThrow({
    where: { id: monitor.componentId },
    select: { id: true, name: true, status: true, monitorStatus: true, monitors: { where: { paused: false }, select: { id: true, state: true, downStatus: true } } },
  });
  const withState = (own: string) => component.monitors.map((other) => (other.id === monitorId ? { ...other, state: own } : other));
  const decision = statusDecision({
    componentStatus: component.status as ComponentStatus,
    monitorStatus: component.monitorStatus as ComponentStatus | null,
    verdict: verdictOf(withState(state)),
    previousVerdict: verdictOf(withState(previousState)),
  });
  if (decision.action !== 'set') {
    if (decision.action === 'agree' && component.monitorStatus !== decision.status) {
      await tx.component.update({ where: { id: component.id }, data: { monitorStatus: decision.status } });
    }
    if (!wasOverdue) outcome.nothingVisibleChanged();
    return { state, previousState, decision, incidentStepPossible };
  }
  const actor = monitorActor(monitor);
  requirePermission(actor, 'components.status');
  await applyComponentStatuses(tx, { [component.id]: decision.status }, at);
  await tx.component.update({ where: { id: component.id }, data: { monitorStatus: decision.status } });
  await recordAudit(tx, actor, {
    action: 'component.update',
    targetType: 'component',
    targetId: component.id,
    summary: `Set "${component.name}" from ${componentStatusLabel(component.status as ComponentStatus)} to ${componentStatusLabel(decision.status)}: ${reasonInWords(state, monitor, result)}`,
    details: { status: { from: component.status, to: decision.status }, monitor: { id: monitor.id, state }, check: { code: result.code, detail: result.detail } },
  });
  return { state, previousState, decision, incidentStepPossible };
}

function reasonInWords(state: MonitorState, monitor: { kind: string; failuresBeforeDown: number; successesBeforeUp: number }, result: ProbeResult): string {
  const what = result.code ? `${FAILURES[result.code].label} (${result.detail})` : result.detail;
  if (monitor.kind === 'alert') return state === 'down' ? `an alert fires: ${result.detail}` : `its alerts are resolved`;
  if (state === 'down') return `${monitor.failuresBeforeDown === 1 ? 'a check' : `${monitor.failuresBeforeDown} checks in a row`} failed, the last with ${what}`;
  if (state === 'degraded') return `answers are slow, the last ${result.detail}`;
  return `checks pass again (${result.detail})`;
}
