import { isActiveMaintenance, isUnresolvedIncident, isUpcomingMaintenance } from './incident-state.ts';
import type { Snapshot } from './snapshot-types.ts';

/** What the front page lists above and below the components. */
export function getFrontPage(snapshot: Snapshot) {
  return {
    activeIncidents: snapshot.incidents.filter(isUnresolvedIncident),
    activeMaintenances: snapshot.maintenances.filter(isActiveMaintenance),
    // Soonest first.
    upcomingMaintenances: snapshot.maintenances
      .filter(isUpcomingMaintenance)
      .sort((a, b) => (a.scheduledFor ?? '').localeCompare(b.scheduledFor ?? '')),
  };
}
