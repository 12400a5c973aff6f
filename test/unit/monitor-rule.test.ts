// The rule that turns checks into a component's status: hysteresis, and never overriding a person.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextMonitorState, statusDecision, worstState, type CheckOutcome, type MonitorState } from '@/lib/monitors/status-rule';
import { componentStatusSchema, type ComponentStatus } from '@/lib/schemas/status';

const thresholds = { failuresBeforeDown: 3, successesBeforeUp: 2 };
const zero = { failStreak: 0, answerStreak: 0, slowStreak: 0, fastStreak: 0 };

/** The states after each outcome in turn, from `start`. */
function run(outcomes: CheckOutcome[], start: MonitorState = 'unknown', limits = thresholds): MonitorState[] {
  let state = start;
  let streaks = zero;
  return outcomes.map((outcome) => {
    ({ state, streaks } = nextMonitorState(state, streaks, outcome, limits));
    return state;
  });
}

describe('a monitor’s state from its checks', () => {
  it('says up at the first answer, down only after N failures in a row', () => {
    expect(run(['fast'])).toEqual(['up']);
    expect(run(['fail', 'fail', 'fail'], 'up')).toEqual(['up', 'up', 'down']);
    expect(run(['fail', 'fail', 'fast', 'fail', 'fail'], 'up')).toEqual(['up', 'up', 'up', 'up', 'up']);
  });

  it('comes back up after M answers in a row, not at the first', () => {
    expect(run(['fail', 'fail', 'fail', 'fast', 'fail', 'fast', 'fast'], 'up')).toEqual(['up', 'up', 'down', 'down', 'down', 'down', 'up']);
  });

  it('says degraded after N slow answers, and up after M fast ones', () => {
    expect(run(['slow', 'slow', 'slow', 'fast', 'fast'], 'up')).toEqual(['up', 'up', 'degraded', 'degraded', 'up']);
  });

  it('leaves down for degraded when the service answers again, but slowly', () => {
    expect(run(['fail', 'fail', 'fail', 'slow', 'slow'], 'up')).toEqual(['up', 'up', 'down', 'down', 'degraded']);
  });

  it('with N = 1 (a heartbeat), one miss is down and one call is up', () => {
    expect(run(['fail', 'fast'], 'up', { failuresBeforeDown: 1, successesBeforeUp: 1 })).toEqual(['down', 'up']);
  });

  it('never says down without N failures in a row', () => {
    const outcomes = fc.array(fc.constantFrom<CheckOutcome>('fast', 'slow', 'fail'), { maxLength: 40 });
    fc.assert(
      fc.property(outcomes, (sequence) => {
        const states = run(sequence, 'up');
        states.forEach((state, index) => {
          if (state === 'down' && (index === 0 || states[index - 1] !== 'down')) {
            expect(sequence.slice(index - 2, index + 1)).toEqual(['fail', 'fail', 'fail']);
          }
        });
      }),
    );
  });

  it('takes the worst state of several monitors, unknown counting for nothing', () => {
    expect(worstState(['up', 'down', 'degraded'])).toBe('down');
    expect(worstState(['unknown', 'up'])).toBe('up');
    expect(worstState(['unknown'])).toBe('unknown');
  });
});

describe('whether the component follows', () => {
  it('follows while its status is the one the monitors left', () => {
    expect(statusDecision({ componentStatus: 'operational', monitorStatus: 'operational', verdict: 'major_outage', previousVerdict: 'operational' })).toEqual({ action: 'set', status: 'major_outage' });
    expect(statusDecision({ componentStatus: 'major_outage', monitorStatus: 'major_outage', verdict: 'operational', previousVerdict: 'major_outage' })).toEqual({ action: 'set', status: 'operational' });
  });

  it('leaves a component under maintenance alone', () => {
    expect(statusDecision({ componentStatus: 'under_maintenance', monitorStatus: 'operational', verdict: 'major_outage', previousVerdict: 'operational' })).toEqual({ action: 'leave', reason: 'maintenance' });
  });

  it('does not clear what a person set while the monitor was failing', () => {
    // The monitor set major outage; an operator said partial outage; the checks pass again.
    expect(statusDecision({ componentStatus: 'partial_outage', monitorStatus: 'major_outage', verdict: 'operational', previousVerdict: 'major_outage' })).toEqual({ action: 'leave', reason: 'chosen_by_a_person' });
    // An operator called a failing monitor a false alarm: it stays operational while the failures go on.
    expect(statusDecision({ componentStatus: 'operational', monitorStatus: 'major_outage', verdict: 'major_outage', previousVerdict: 'major_outage' })).toEqual({ action: 'leave', reason: 'chosen_by_a_person' });
  });

  it('raises an alarm over a milder status a person set, when trouble is new', () => {
    expect(statusDecision({ componentStatus: 'degraded_performance', monitorStatus: 'operational', verdict: 'major_outage', previousVerdict: 'operational' })).toEqual({ action: 'set', status: 'major_outage' });
    // Not over a worse one.
    expect(statusDecision({ componentStatus: 'major_outage', monitorStatus: 'operational', verdict: 'partial_outage', previousVerdict: 'operational' })).toEqual({ action: 'leave', reason: 'chosen_by_a_person' });
  });

  it('takes the status back once it agrees with the checks', () => {
    expect(statusDecision({ componentStatus: 'operational', monitorStatus: 'major_outage', verdict: 'operational', previousVerdict: 'major_outage' })).toEqual({ action: 'agree', status: 'operational' });
  });

  it('waits for a verdict', () => {
    expect(statusDecision({ componentStatus: 'operational', monitorStatus: null, verdict: null, previousVerdict: null })).toEqual({ action: 'leave', reason: 'no_verdict' });
  });

  it('never lowers a status a person set, and never touches maintenance', () => {
    const status = fc.constantFrom(...componentStatusSchema.options);
    const verdict = fc.option(fc.constantFrom<ComponentStatus>('operational', 'degraded_performance', 'partial_outage', 'major_outage'), { nil: null });
    const severity = ['operational', 'degraded_performance', 'partial_outage', 'major_outage'];
    fc.assert(
      fc.property(status, fc.option(status, { nil: null }), verdict, verdict, (componentStatus, monitorStatus, next, previous) => {
        const decision = statusDecision({ componentStatus, monitorStatus, verdict: next, previousVerdict: previous });
        if (componentStatus === 'under_maintenance') expect(decision.action).toBe('leave');
        if (decision.action === 'set' && componentStatus !== monitorStatus) {
          expect(severity.indexOf(decision.status)).toBeGreaterThan(severity.indexOf(componentStatus));
        }
      }),
    );
  });
});
