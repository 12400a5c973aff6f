import type { IncidentKind, IncidentStatus, MaintenanceStatus } from '../schemas/status.ts';

type AnyStatus = IncidentStatus | MaintenanceStatus;

/**
 * Which status an update may move an incident or maintenance to. An open incident moves freely
 * through its lifecycle; a resolved one gets more notes, a postmortem, or is reopened; a maintenance
 * only moves forward (verifying may go back to in progress), and a completed one only takes notes.
 */
const NEXT: Record<IncidentKind, Partial<Record<AnyStatus, readonly AnyStatus[]>>> = {
  incident: {
    investigating: ['investigating', 'identified', 'monitoring', 'resolved'],
    identified: ['investigating', 'identified', 'monitoring', 'resolved'],
    monitoring: ['investigating', 'identified', 'monitoring', 'resolved'],
    resolved: ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'],
    postmortem: ['postmortem'],
  },
  maintenance: {
    scheduled: ['scheduled', 'in_progress', 'completed'],
    in_progress: ['in_progress', 'verifying', 'completed'],
    verifying: ['in_progress', 'verifying', 'completed'],
    completed: ['completed'],
  },
};

export function allowedNextStatuses(kind: IncidentKind, from: AnyStatus): readonly AnyStatus[] {
  return NEXT[kind][from] ?? [];
}

export function canMoveTo(kind: IncidentKind, from: AnyStatus, to: AnyStatus): boolean {
  return allowedNextStatuses(kind, from).includes(to);
}

/** What an update form offers first: the next step of the lifecycle; after resolved, another note. */
export function suggestedNextStatus(kind: IncidentKind, from: AnyStatus): AnyStatus {
  const allowed = allowedNextStatuses(kind, from);
  if (from === 'resolved') return from;
  return allowed[allowed.indexOf(from) + 1] ?? from;
}
