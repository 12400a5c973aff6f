import type { ComponentStatus, Indicator } from '@/lib/schemas/status';
import type { Snapshot, SnapshotComponent } from '@/lib/status/snapshot-types';

/** A component as the snapshot carries it, with the given status and uptime over 7/30/90 days. */
export function fixtureComponent(name: string, status: ComponentStatus, uptime: [number | null, number | null, number | null] = [1, 1, 1], groupId: string | null = null): SnapshotComponent {
  return {
    id: `c-${name.toLowerCase().replace(/\W+/g, '')}`,
    name,
    description: null,
    status,
    position: 0,
    showcase: true,
    onlyShowIfDegraded: false,
    showResponseTimes: false,
    startDate: null,
    groupId,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    unconfirmedSince: null,
    responseTimes: null,
    uptime: { percent: uptime[2], lastDays: { 7: uptime[0], 30: uptime[1], 90: uptime[2] }, days: [], incidentsByDay: {} },
  };
}

/** A small snapshot for rules that read one (badges); built by hand, no database. */
export function fixtureSnapshot(options: { indicator?: Indicator; components?: SnapshotComponent[] } = {}): Snapshot {
  const components = options.components ?? [];
  const groupIds = [...new Set(components.map((component) => component.groupId).filter((id): id is string => id !== null))];
  return {
    page: { id: 'p', name: 'Example', url: 'https://status.example.com', timeZone: 'Etc/UTC', supportUrl: null, logoUrl: null, accentColor: null, updatedAt: '2026-01-01T00:00:00.000Z' },
    status: { indicator: options.indicator ?? 'none', description: 'All Systems Operational' },
    layout: [],
    groups: groupIds.map((id, position) => ({
      id,
      name: `Group ${id}`,
      description: null,
      position,
      status: 'operational',
      componentIds: components.filter((component) => component.groupId === id).map((component) => component.id),
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    })),
    components,
    incidents: [],
    maintenances: [],
    uptimeDays: [],
    updatedAt: '2026-01-01T00:00:00.000Z',
    builtAt: '2026-01-01T00:00:00.000Z',
  };
}
