import type { Db } from '../db.ts';
import { newId } from '../ids.ts';
import { announceChange } from '../read-path/changes.ts';
import type { ComponentStatus, Impact, IncidentStatus } from '../schemas/status.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const GROUPS = [
  { key: 'web', name: 'Website & API', components: ['Website', 'Public API', 'Dashboard'] },
  { key: 'infra', name: 'Infrastructure', components: ['Database', 'Object storage', 'CDN'] },
  { key: 'integrations', name: 'Integrations', components: ['Webhooks', 'Email notifications'] },
];
const STANDALONE = ['Authentication'];

const DESCRIPTIONS: Record<string, string> = {
  'Public API': 'REST and GraphQL endpoints at api.example.com',
  Website: 'Marketing site and documentation',
  CDN: 'Static assets and downloads',
};

interface PastIncident {
  daysAgo: number;
  hours: number;
  name: string;
  impact: Impact;
  components: Record<string, ComponentStatus>;
  updates: [IncidentStatus, string][];
}

/** Resolved incidents spread over the last 90 days; each update's time is spread over its duration. */
const PAST_INCIDENTS: PastIncident[] = [
  {
    daysAgo: 84, hours: 2.5, name: 'Dashboard login failures', impact: 'major',
    components: { Dashboard: 'partial_outage', Authentication: 'partial_outage' },
    updates: [
      ['investigating', 'Some users cannot log in to the dashboard. We are investigating.'],
      ['identified', 'An expired certificate on the session service caused the failures. We are rotating it.'],
      ['resolved', 'The certificate has been rotated and logins work again.'],
    ],
  },
  {
    daysAgo: 71, hours: 1, name: 'Delayed webhook deliveries', impact: 'minor',
    components: { Webhooks: 'degraded_performance' },
    updates: [
      ['investigating', 'Webhook deliveries are delayed by up to 10 minutes.'],
      ['resolved', 'The delivery backlog has been cleared.'],
    ],
  },
  {
    daysAgo: 58, hours: 0.75, name: '502 Bad Gateway errors on the website', impact: 'critical',
    components: { Website: 'major_outage', CDN: 'partial_outage' },
    updates: [
      ['investigating', 'Visitors see **502 Bad Gateway** pages. Refreshing may help; we are on it.'],
      ['identified', 'A bad configuration reached our edge proxies. We are rolling it back.'],
      ['monitoring', 'The rollback is complete and error rates are back to normal. We are watching closely.'],
      ['resolved', 'This incident has been resolved.'],
    ],
  },
  {
    daysAgo: 43, hours: 5, name: 'Slow queries on the primary database', impact: 'minor',
    components: { Database: 'degraded_performance', 'Public API': 'degraded_performance' },
    updates: [
      ['investigating', 'API responses are slower than usual.'],
      ['identified', 'A missing index after last night\'s migration. Adding it now.'],
      ['resolved', 'Query times are back to normal.'],
    ],
  },
  {
    daysAgo: 30, hours: 3, name: 'Email notifications not sent', impact: 'major',
    components: { 'Email notifications': 'major_outage' },
    updates: [
      ['investigating', 'Emails are not being delivered.'],
      ['identified', 'Our email provider is having an outage: <https://status.example.net>.'],
      ['monitoring', 'Delivery resumed; queued emails are being sent.'],
      ['resolved', 'All queued emails have been delivered.'],
    ],
  },
  {
    daysAgo: 16, hours: 1.5, name: 'Object storage uploads failing', impact: 'major',
    components: { 'Object storage': 'partial_outage' },
    updates: [
      ['investigating', 'About 20% of uploads fail with a 503 error.'],
      ['resolved', 'A failed storage node was replaced; uploads succeed again.'],
    ],
  },
  {
    daysAgo: 6, hours: 0.5, name: 'Intermittent API timeouts', impact: 'minor',
    components: { 'Public API': 'degraded_performance' },
    updates: [
      ['investigating', 'A small share of API requests time out.'],
      ['resolved', 'A noisy neighbour was moved off the API hosts.'],
    ],
  },
];

const ACTIVE_UPDATES: [IncidentStatus, number, string][] = [
  [
    'investigating',
    95,
    'Some requests to the Public API fail with **502 Bad Gateway**. We are investigating.\n\n' +
      'If you see this error, retrying the request after a few seconds usually works.',
  ],
  ['investigating', 70, 'About 15% of API requests are affected. Webhook deliveries are slowed down as a result.'],
  [
    'identified',
    40,
    'A load balancer node is returning errors after an upgrade. We are draining it and rolling back.\n\n' +
      '- Requests that failed can be retried safely\n- No data was lost',
  ],
];

/** Whether the database has nothing in it yet (no page, no components, no incidents). */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [pages, components, incidents] = await Promise.all([db.page.count(), db.component.count(), db.incident.count()]);
  return pages + components + incidents === 0;
}

/** Replaces everything with the demo page: components in several states, incidents, a maintenance. */
export async function seedDemo(db: Db, options: { pageUrl: string; now?: Date }) {
  const now = options.now ?? new Date();
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const createdAt = ago(120 * DAY);
  const ids = new Map<string, string>();

  const groupRows = GROUPS.map((group, position) => ({ id: newId(), name: group.name, position, createdAt }));
  const componentRows = [
    ...GROUPS.flatMap((group, groupIndex) =>
      group.components.map((name, position) => ({ name, position, groupId: groupRows[groupIndex].id })),
    ),
    ...STANDALONE.map((name, index) => ({ name, position: GROUPS.length + index, groupId: null })),
  ].map((component) => {
    const id = newId();
    ids.set(component.name, id);
    return { ...component, id, description: DESCRIPTIONS[component.name] ?? null, createdAt };
  });
  const statusNow = new Map<string, ComponentStatus>(componentRows.map((row) => [row.id, 'operational']));
  const changes: { id: string; componentId: string; status: ComponentStatus; at: Date }[] = componentRows.map((row) => ({
    id: newId(),
    componentId: row.id,
    status: 'operational',
    at: createdAt,
  }));

  const incidents: Parameters<Db['incident']['create']>[0]['data'][] = [];
  const addIncident = (spec: {
    name: string;
    impact: Impact;
    start: Date;
    end: Date | null;
    components: Record<string, ComponentStatus>;
    updates: { status: IncidentStatus; at: Date; body: string }[];
  }) => {
    const componentIds = Object.keys(spec.components).map((name) => ids.get(name)!);
    const last = spec.updates[spec.updates.length - 1];
    const monitoring = spec.updates.find((update) => update.status === 'monitoring');
    for (const [name, status] of Object.entries(spec.components)) {
      changes.push({ id: newId(), componentId: ids.get(name)!, status, at: spec.start });
      if (spec.end) changes.push({ id: newId(), componentId: ids.get(name)!, status: 'operational', at: spec.end });
      else statusNow.set(ids.get(name)!, status);
    }
    incidents.push({
      id: newId(),
      kind: 'incident',
      name: spec.name,
      status: last.status,
      impact: spec.impact,
      startedAt: spec.start,
      createdAt: spec.start,
      monitoringAt: monitoring?.at ?? null,
      resolvedAt: spec.end,
      components: { create: componentIds.map((componentId) => ({ componentId })) },
      updates: {
        create: spec.updates.map((update, index) => ({
          id: newId(),
          status: update.status,
          body: update.body,
          displayAt: update.at,
          createdAt: update.at,
          affectedComponents: {
            create: Object.entries(spec.components).map(([name, status]) => ({
              id: newId(),
              componentId: ids.get(name)!,
              name,
              oldStatus: index === 0 ? 'operational' : status,
              newStatus: update.status === 'resolved' ? 'operational' : status,
            })),
          },
        })),
      },
    });
  };

  for (const past of PAST_INCIDENTS) {
    const start = ago(past.daysAgo * DAY - 9 * HOUR);
    const durationMs = past.hours * HOUR;
    const steps = past.updates.length - 1;
    addIncident({
      name: past.name,
      impact: past.impact,
      start,
      end: new Date(start.getTime() + durationMs),
      components: past.components,
      updates: past.updates.map(([status, body], index) => ({
        status,
        body,
        at: new Date(start.getTime() + (steps ? (durationMs * index) / steps : 0)),
      })),
    });
  }
  addIncident({
    name: 'Elevated 502 Bad Gateway errors on the Public API',
    impact: 'major',
    start: ago(95 * 60_000),
    end: null,
    components: { 'Public API': 'partial_outage', Webhooks: 'degraded_performance' },
    updates: ACTIVE_UPDATES.map(([status, minutesAgo, body]) => ({ status, at: ago(minutesAgo * 60_000), body })),
  });

  const maintenanceStart = new Date(Math.ceil((now.getTime() + 2 * DAY) / HOUR) * HOUR);
  incidents.push({
    id: newId(),
    kind: 'maintenance',
    name: 'Database upgrade to a new major version',
    status: 'scheduled',
    impact: 'maintenance',
    startedAt: now,
    scheduledFor: maintenanceStart,
    scheduledUntil: new Date(maintenanceStart.getTime() + 2 * HOUR),
    components: { create: [{ componentId: ids.get('Database')! }, { componentId: ids.get('Public API')! }] },
    updates: {
      create: [
        {
          id: newId(),
          status: 'scheduled',
          body: 'We will upgrade our primary database. The API may answer slowly or return errors for a few minutes during the window.',
          displayAt: now,
        },
      ],
    },
  });

  await db.$transaction(async (tx) => {
    await tx.incident.deleteMany();
    await tx.componentStatusChange.deleteMany();
    await tx.component.deleteMany();
    await tx.componentGroup.deleteMany();
    await tx.page.deleteMany();
    await tx.page.create({
      data: { id: newId(), name: 'Gatewatch Demo', url: options.pageUrl, timeZone: 'Etc/UTC', supportUrl: 'mailto:support@example.com' },
    });
    await tx.componentGroup.createMany({ data: groupRows });
    await tx.component.createMany({
      data: componentRows.map((row) => ({ ...row, status: statusNow.get(row.id)! })),
    });
    await tx.componentStatusChange.createMany({ data: changes });
    for (const incident of incidents) await tx.incident.create({ data: incident });
  });
  await announceChange(db);
}
