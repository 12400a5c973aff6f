import type { Db } from '../db/client.ts';
import type { ComponentStatus, Impact, IncidentStatus } from '../schemas/status.ts';
import { replaceAllWithPage, type IncidentSpec, type PageSpec } from './write-page.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const GROUPS = [
  { name: 'Website & API', components: ['Website', 'Public API', 'Dashboard'] },
  { name: 'Infrastructure', components: ['Database', 'Object storage', 'CDN'] },
  { name: 'Integrations', components: ['Webhooks', 'Email notifications'] },
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
  await replaceAllWithPage(db, demoPageSpec(options.pageUrl, options.now ?? new Date()));
}

export function demoPageSpec(pageUrl: string, now: Date): PageSpec {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const incidents: IncidentSpec[] = PAST_INCIDENTS.map((past) => {
    const start = ago(past.daysAgo * DAY - 9 * HOUR);
    const durationMs = past.hours * HOUR;
    const steps = past.updates.length - 1;
    return {
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
    };
  });
  incidents.push({
    name: 'Elevated 502 Bad Gateway errors on the Public API',
    impact: 'major',
    start: ago(95 * 60_000),
    end: null,
    components: { 'Public API': 'partial_outage', Webhooks: 'degraded_performance' },
    updates: ACTIVE_UPDATES.map(([status, minutesAgo, body]) => ({ status, at: ago(minutesAgo * 60_000), body })),
  });

  const maintenanceStart = new Date(Math.ceil((now.getTime() + 2 * DAY) / HOUR) * HOUR);
  return {
    page: { name: 'Gatewatch Demo', url: pageUrl, timeZone: 'Etc/UTC', supportUrl: 'mailto:support@example.com' },
    createdAt: ago(120 * DAY),
    groups: GROUPS,
    standalone: STANDALONE,
    descriptions: DESCRIPTIONS,
    incidents,
    maintenances: [
      {
        name: 'Database upgrade to a new major version',
        announcedAt: now,
        scheduledFor: maintenanceStart,
        scheduledUntil: new Date(maintenanceStart.getTime() + 2 * HOUR),
        components: ['Database', 'Public API'],
        body: 'We will upgrade our primary database. The API may answer slowly or return errors for a few minutes during the window.',
      },
    ],
  };
}
