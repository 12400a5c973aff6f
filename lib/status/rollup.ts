import type { ComponentStatus, Impact, Indicator } from '../schemas/status.ts';

/**
 * How bad a component status is, for "worst of" rules. Maintenance is planned, so it ranks above
 * operational (it is worth showing) but below every unplanned problem.
 */
const COMPONENT_SEVERITY: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

export function compareComponentStatus(a: ComponentStatus, b: ComponentStatus): number {
  return COMPONENT_SEVERITY[a] - COMPONENT_SEVERITY[b];
}

/** A group's status: the worst of its children (operational when it has none). */
export function worstComponentStatus(statuses: Iterable<ComponentStatus>): ComponentStatus {
  let worst: ComponentStatus = 'operational';
  for (const status of statuses) if (COMPONENT_SEVERITY[status] > COMPONENT_SEVERITY[worst]) worst = status;
  return worst;
}

const INDICATOR_SEVERITY: Record<Indicator, number> = { none: 0, maintenance: 1, minor: 2, major: 3, critical: 4 };

const COMPONENT_INDICATOR: Record<ComponentStatus, Indicator> = {
  operational: 'none',
  under_maintenance: 'maintenance',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};

/**
 * An incident's impact when the operator gives none (Statuspage's rule): what the worst of its
 * components' new statuses means for the page; maintenance is no incident impact.
 */
export function impactOfComponents(statuses: Iterable<ComponentStatus>): Exclude<Impact, 'maintenance'> {
  const indicator = COMPONENT_INDICATOR[worstComponentStatus(statuses)];
  return indicator === 'maintenance' ? 'none' : indicator;
}

export const INDICATOR_DESCRIPTIONS: Record<Indicator, string> = {
  none: 'All Systems Operational',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major Service Outage',
  maintenance: 'Service Under Maintenance',
};

export interface RollupInput {
  /** Statuses of the real components (not groups). */
  componentStatuses: Iterable<ComponentStatus>;
  /** Impacts of the unresolved incidents. */
  unresolvedIncidentImpacts: Iterable<Impact>;
  /** Whether a scheduled maintenance is in progress or verifying. */
  maintenanceInProgress: boolean;
}

/**
 * The page's overall status (Statuspage's `status` object): the worst of the unresolved incidents'
 * impact and the components' states (degraded → minor, partial → major, major outage → critical).
 * When nothing is worse than "none" but a component is under maintenance or a maintenance is in
 * progress, the page is under maintenance.
 */
export function rollupStatus(input: RollupInput): { indicator: Indicator; description: string } {
  let indicator: Indicator = input.maintenanceInProgress ? 'maintenance' : 'none';
  const consider = (candidate: Indicator) => {
    if (INDICATOR_SEVERITY[candidate] > INDICATOR_SEVERITY[indicator]) indicator = candidate;
  };
  for (const status of input.componentStatuses) consider(COMPONENT_INDICATOR[status]);
  for (const impact of input.unresolvedIncidentImpacts) if (impact !== 'maintenance') consider(impact);
  return { indicator, description: INDICATOR_DESCRIPTIONS[indicator] };
}
