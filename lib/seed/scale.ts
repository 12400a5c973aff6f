import type { ComponentStatus, Impact, IncidentStatus } from '../schemas/status.ts';
import type { IncidentSpec, PageSpec } from './write-page.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Mulberry32: the same "random" page on every run, so sizes compare across runs. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const IMPACT_STATUS: [Impact, ComponentStatus][] = [
  ['minor', 'degraded_performance'],
  ['major', 'partial_outage'],
  ['critical', 'major_outage'],
];
const LIFECYCLE: [IncidentStatus, string][] = [
  ['investigating', 'We are seeing **elevated error rates** (502 Bad Gateway) on some requests and are investigating.'],
  ['identified', 'The cause is a failing upstream node behind our load balancer. We are draining it and rolling back the last deploy.'],
  ['monitoring', 'A fix is in place and error rates are back to normal. We are monitoring:\n\n- retries succeed\n- no data was lost'],
  ['resolved', 'This incident has been resolved. Thank you for your patience.'],
];

/**
 * A large page for the scale benchmark: `groups` groups of `perGroup` components, an incident
 * every other day on average over `days` days (one still open), and two maintenances.
 */
export function scalePageSpec(options: { pageUrl: string; now: Date; groups?: number; perGroup?: number; days?: number }): PageSpec {
  const { now, groups = 10, perGroup = 10, days = 90 } = options;
  const random = seededRandom(42);
  const pick = <T,>(list: T[]) => list[Math.floor(random() * list.length)];
  const groupSpecs = Array.from({ length: groups }, (_, g) => ({
    name: `Region ${g + 1}`,
    components: Array.from({ length: perGroup }, (_, c) => `Service ${g + 1}.${c + 1}`),
  }));
  const allComponents = groupSpecs.flatMap((group) => group.components);

  const incidents: IncidentSpec[] = [];
  for (let day = days - 1; day >= 0; day--) {
    // Today always has one still open, as during the outage that brings the crowd.
    if (day > 0 && random() < 0.5) continue;
    const start = new Date(now.getTime() - day * DAY - (2 + random() * 20) * HOUR);
    const durationMs = (0.3 + random() * 6) * HOUR;
    const open = day === 0;
    const end = open ? null : new Date(start.getTime() + durationMs);
    if (end && end.getTime() > now.getTime()) continue;
    const [impact, status] = pick(IMPACT_STATUS);
    const affected = Object.fromEntries(Array.from({ length: 1 + Math.floor(random() * 3) }, () => [pick(allComponents), status]));
    const steps = open ? LIFECYCLE.slice(0, 2) : LIFECYCLE;
    const span = end ? durationMs : now.getTime() - start.getTime();
    incidents.push({
      name: `Elevated errors on ${Object.keys(affected).join(', ')}`,
      impact,
      start,
      end,
      components: affected,
      updates: steps.map(([updateStatus, body], index) => ({
        status: updateStatus,
        body,
        at: new Date(start.getTime() + (span * index) / steps.length),
      })),
    });
  }

  const maintenanceAt = (daysAhead: number) => new Date(Math.ceil((now.getTime() + daysAhead * DAY) / HOUR) * HOUR);
  return {
    page: { name: 'Gatewatch Scale Test', url: options.pageUrl, timeZone: 'Europe/Berlin' },
    createdAt: new Date(now.getTime() - (days + 30) * DAY),
    groups: groupSpecs,
    standalone: [],
    incidents,
    maintenances: [1, 4].map((daysAhead) => ({
      name: `Network maintenance in Region ${daysAhead}`,
      announcedAt: now,
      scheduledFor: maintenanceAt(daysAhead),
      scheduledUntil: new Date(maintenanceAt(daysAhead).getTime() + 2 * HOUR),
      components: groupSpecs[daysAhead].components.slice(0, 3),
      body: 'Planned network work. Brief connection resets are possible during the window.',
    })),
  };
}
