import { describe, expect, it } from 'vitest';
import { rollupStatus, worstComponentStatus } from '@/lib/status/rollup';

describe('rollupStatus', () => {
  const none = { componentStatuses: [], unresolvedIncidentImpacts: [], maintenanceInProgress: false } as const;

  it('is "All Systems Operational" when everything is operational', () => {
    expect(rollupStatus({ ...none, componentStatuses: ['operational', 'operational'] })).toEqual({
      indicator: 'none',
      description: 'All Systems Operational',
    });
  });

  it.each([
    ['degraded_performance', 'minor', 'Minor Service Outage'],
    ['partial_outage', 'major', 'Partial System Outage'],
    ['major_outage', 'critical', 'Major Service Outage'],
  ] as const)('maps a component in %s to %s', (status, indicator, description) => {
    expect(rollupStatus({ ...none, componentStatuses: ['operational', status] })).toEqual({ indicator, description });
  });

  it('takes the worst of component states and incident impacts', () => {
    expect(rollupStatus({ ...none, componentStatuses: ['degraded_performance'], unresolvedIncidentImpacts: ['critical'] }).indicator).toBe('critical');
    expect(rollupStatus({ ...none, componentStatuses: ['major_outage'], unresolvedIncidentImpacts: ['minor'] }).indicator).toBe('critical');
    expect(rollupStatus({ ...none, unresolvedIncidentImpacts: ['none', 'major'] }).indicator).toBe('major');
  });

  it('is maintenance when maintenance is the worst thing going on', () => {
    expect(rollupStatus({ ...none, componentStatuses: ['under_maintenance', 'operational'] })).toEqual({
      indicator: 'maintenance',
      description: 'Service Under Maintenance',
    });
    expect(rollupStatus({ ...none, maintenanceInProgress: true }).indicator).toBe('maintenance');
    expect(rollupStatus({ ...none, componentStatuses: ['under_maintenance', 'degraded_performance'] }).indicator).toBe('minor');
  });
});

describe('worstComponentStatus (group rollup)', () => {
  it('is operational for an empty group', () => {
    expect(worstComponentStatus([])).toBe('operational');
  });

  it('is the worst child, with maintenance above operational and below any problem', () => {
    expect(worstComponentStatus(['operational', 'under_maintenance'])).toBe('under_maintenance');
    expect(worstComponentStatus(['under_maintenance', 'degraded_performance'])).toBe('degraded_performance');
    expect(worstComponentStatus(['partial_outage', 'major_outage', 'operational'])).toBe('major_outage');
  });
});
