import { newId } from '../ids.ts';
import type { ComponentStatus } from '../schemas/status.ts';

/**
 * The rows of one incident update: its status and message, and each affected component's status
 * before and after it (`before` as loaded ahead of the change; one without a new status keeps it).
 */
export function newUpdateData(input: {
  status: string;
  body: string;
  at: Date;
  deliverNotifications: boolean;
  before: { id: string; name: string; status: string }[];
  statuses: Record<string, ComponentStatus>;
}) {
  return {
    id: newId(),
    status: input.status,
    body: input.body,
    displayAt: input.at,
    deliverNotifications: input.deliverNotifications,
    affectedComponents: {
      create: input.before.map((component) => ({
        id: newId(),
        componentId: component.id,
        name: component.name,
        oldStatus: component.status,
        // Affected without a change: the same status before and after.
        newStatus: input.statuses[component.id] ?? component.status,
      })),
    },
  };
}
