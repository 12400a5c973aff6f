// The one rule that turns check results into a component's status. Two parts, both pure:
// 1. nextMonitorState: a monitor's state from its checks in a row (hysteresis, so one lost packet
//    changes nothing and a flapping service does not flip the page every minute);
// 2. statusDecision: whether the component's status follows, without overriding a person.
import type { ComponentStatus } from '../schemas/status.ts';
import { compareComponentStatus } from '../status/rollup.ts';

export const MONITOR_STATES = ['unknown', 'up', 'degraded', 'down'] as const;
export type MonitorState = (typeof MONITOR_STATES)[number];
/** One check: answered in time, answered slower than the threshold, or failed. */
export type CheckOutcome = 'fast' | 'slow' | 'fail';

export interface Streaks {
  failStreak: number;
  answerStreak: number;
  slowStreak: number;
  fastStreak: number;
}

export interface Thresholds {
  /** Failures in a row before the monitor says down (and slow answers in a row before degraded). */
  failuresBeforeDown: number;
  /** Answers in a row before a down monitor says up again (fast answers, before a degraded one does). */
  successesBeforeUp: number;
}

/**
 * The monitor's state after one more check:
 * - N failures in a row → down; N slow answers in a row → degraded (N = failuresBeforeDown);
 * - down → M answers in a row → up (degraded if the last was slow); degraded → M fast answers → up;
 * - before the first verdict (unknown), an answer says up at once; failures still need N.
 * Anything else keeps the state it had.
 */
export function nextMonitorState(state: MonitorState, streaks: Streaks, outcome: CheckOutcome, thresholds: Thresholds): { state: MonitorState; streaks: Streaks } {
  const next: Streaks =
    outcome === 'fail'
      ? { failStreak: streaks.failStreak + 1, answerStreak: 0, slowStreak: 0, fastStreak: 0 }
      : outcome === 'slow'
        ? { failStreak: 0, answerStreak: streaks.answerStreak + 1, slowStreak: streaks.slowStreak + 1, fastStreak: 0 }
        : { failStreak: 0, answerStreak: streaks.answerStreak + 1, slowStreak: 0, fastStreak: streaks.fastStreak + 1 };
  const { failuresBeforeDown: n, successesBeforeUp: m } = thresholds;
  const answeredAs: MonitorState = outcome === 'slow' && next.slowStreak >= n ? 'degraded' : 'up';
  let verdict = state;
  if (outcome === 'fail') {
    if (next.failStreak >= n) verdict = 'down';
  } else if (state === 'unknown') {
    verdict = answeredAs;
  } else if (state === 'down') {
    if (next.answerStreak >= m) verdict = outcome === 'slow' ? 'degraded' : 'up';
  } else if (state === 'up') {
    if (next.slowStreak >= n) verdict = 'degraded';
  } else if (state === 'degraded') {
    if (next.fastStreak >= m) verdict = 'up';
  }
  return { state: verdict, streaks: next };
}

/** The worst of several monitors' states; unknown counts for nothing. */
export function worstState(states: MonitorState[]): MonitorState {
  const order: MonitorState[] = ['down', 'degraded', 'up'];
  return order.find((state) => states.includes(state)) ?? 'unknown';
}

/** The status a component should have when its monitors are in `state`; null for unknown (no verdict yet). */
export function statusForState(state: MonitorState, downStatus: ComponentStatus): ComponentStatus | null {
  if (state === 'down') return downStatus;
  if (state === 'degraded') return 'degraded_performance';
  if (state === 'up') return 'operational';
  return null;
}

export type StatusDecision =
  /** Set the component to this status (the monitors' verdict). */
  | { action: 'set'; status: ComponentStatus }
  /** The status already is the verdict: nothing to write, but remember the monitors agree with it. */
  | { action: 'agree'; status: ComponentStatus }
  /** Leave it: maintenance, no verdict yet, or a person's choice that the verdict must not override. */
  | { action: 'leave'; reason: 'maintenance' | 'no_verdict' | 'chosen_by_a_person' };

/**
 * Whether a component's status follows its monitors' verdict. The rule:
 * - under maintenance, monitors never touch it (the maintenance sets it back when it ends);
 * - a status the monitors set or agreed with last (`monitorStatus`) is theirs: it follows the verdict;
 * - any other status was chosen by a person (by hand, or an incident's update). Monitors leave it,
 *   with one exception: when the verdict has just turned worse than that status (new trouble), it
 *   is raised. Monitors never lower or clear what a person set; once the status and the verdict
 *   agree again, it is the monitors' once more.
 */
export function statusDecision(input: {
  componentStatus: ComponentStatus;
  /** The status monitors last set or agreed with; null when they never have. */
  monitorStatus: ComponentStatus | null;
  verdict: ComponentStatus | null;
  /** The verdict before this check, to tell new trouble from old. */
  previousVerdict: ComponentStatus | null;
}): StatusDecision {
  const { componentStatus, monitorStatus, verdict, previousVerdict } = input;
  if (componentStatus === 'under_maintenance') return { action: 'leave', reason: 'maintenance' };
  if (!verdict) return { action: 'leave', reason: 'no_verdict' };
  if (componentStatus === verdict) return { action: 'agree', status: verdict };
  if (componentStatus === monitorStatus) return { action: 'set', status: verdict };
  // Maintenance returned above, so these compare unplanned statuses only.
  const newTrouble = compareComponentStatus(verdict, previousVerdict ?? 'operational') > 0;
  if (newTrouble && compareComponentStatus(verdict, componentStatus) > 0) return { action: 'set', status: verdict };
  return { action: 'leave', reason: 'chosen_by_a_person' };
}
