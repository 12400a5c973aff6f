import { isActiveMaintenance, isUnresolvedIncident, isUpcomingMaintenance } from './incident-state.ts';
import type { LayoutComponent, PageLayout, Snapshot } from './snapshot-types.ts';

/** What the front page lists above and below the components. */
export function getFrontPage(snapshot: Pick<Snapshot, 'incidents' | 'maintenances'>) {
  return {
    activeIncidents: snapshot.incidents.filter(isUnresolvedIncident),
    activeMaintenances: snapshot.maintenances.filter(isActiveMaintenance),
    // Soonest first.
    upcomingMaintenances: snapshot.maintenances
      .filter(isUpcomingMaintenance)
      .sort((a, b) => (a.scheduledFor ?? '').localeCompare(b.scheduledFor ?? '')),
  };
}

/** Every component in the order the page shows them: by group, then the ungrouped ones. */
export function componentsInPageOrder<Component extends LayoutComponent>(snapshot: Omit<PageLayout, 'components' | 'page'> & { components: Component[] }): Component[] {
  const byId = new Map(snapshot.components.map((component) => [component.id, component]));
  const groups = new Map(snapshot.groups.map((group) => [group.id, group]));
  return snapshot.layout
    .flatMap((entry) => (entry.kind === 'group' ? (groups.get(entry.id)?.componentIds ?? []) : [entry.id]))
    .map((id) => byId.get(id)!);
}

/** Every component in page order with the name of its group, for pickers that move components between groups. */
export function componentChoices(snapshot: PageLayout) {
  const groupNames = new Map(snapshot.groups.map((group) => [group.id, group.name]));
  return componentsInPageOrder(snapshot).map((component) => ({
    id: component.id,
    name: component.name,
    groupName: component.groupId ? (groupNames.get(component.groupId) ?? null) : null,
  }));
}
