import { describe, expect, it } from 'vitest';
import { canMoveTo, suggestedNextStatus } from '@/lib/incidents/transitions';

describe('incident and maintenance lifecycle', () => {
  it('lets an open incident move freely and be resolved', () => {
    expect(canMoveTo('incident', 'investigating', 'identified')).toBe(true);
    expect(canMoveTo('incident', 'monitoring', 'investigating')).toBe(true);
    expect(canMoveTo('incident', 'identified', 'resolved')).toBe(true);
  });

  it('gives a postmortem only to a resolved incident, and lets a resolved one be reopened', () => {
    expect(canMoveTo('incident', 'investigating', 'postmortem')).toBe(false);
    expect(canMoveTo('incident', 'resolved', 'postmortem')).toBe(true);
    expect(canMoveTo('incident', 'resolved', 'investigating')).toBe(true);
    expect(canMoveTo('incident', 'postmortem', 'investigating')).toBe(false);
  });

  it('keeps incident and maintenance statuses apart', () => {
    expect(canMoveTo('incident', 'investigating', 'in_progress')).toBe(false);
    expect(canMoveTo('maintenance', 'scheduled', 'resolved')).toBe(false);
  });

  it('moves a maintenance forward only, and closes it when completed', () => {
    expect(canMoveTo('maintenance', 'scheduled', 'in_progress')).toBe(true);
    expect(canMoveTo('maintenance', 'verifying', 'in_progress')).toBe(true);
    expect(canMoveTo('maintenance', 'in_progress', 'scheduled')).toBe(false);
    expect(canMoveTo('maintenance', 'completed', 'in_progress')).toBe(false);
    expect(canMoveTo('maintenance', 'completed', 'completed')).toBe(true);
  });

  it('suggests the next step of the lifecycle, and another note once resolved', () => {
    const steps = (kind: 'incident' | 'maintenance', from: string) => suggestedNextStatus(kind, from as never);
    expect(['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'].map((from) => steps('incident', from))).toEqual(['identified', 'monitoring', 'resolved', 'resolved', 'postmortem']);
    expect(['scheduled', 'in_progress', 'verifying', 'completed'].map((from) => steps('maintenance', from))).toEqual(['in_progress', 'verifying', 'completed', 'completed']);
  });
});
