import { describe, expect, it } from 'vitest';
import { BADGE_STYLES, badgeContent, badgeQuerySchema, renderBadge } from '@/lib/badges/badge';
import type { Artifact } from '@/lib/http/artifact';
import { resolvePublicRoute } from '@/lib/read-path/public-routes';
import type { ComponentStatus } from '@/lib/schemas/status';
import { computeUptime } from '@/lib/status/uptime';
import { lastDays } from '@/lib/time';
import { fixtureComponent, fixtureSnapshot } from '../helpers/snapshot';

const query = (input: Record<string, string> = {}) => badgeQuerySchema.parse(input);
const svgOf = (path: string, snapshot = fixtureSnapshot()) => {
  const [pathname, search = ''] = path.split('?');
  const route = resolvePublicRoute(pathname, new URLSearchParams(search), snapshot);
  if (route?.kind !== 'artifact') throw new Error(`no badge at ${path}`);
  const artifact = route.render(snapshot) as Artifact;
  return { route, artifact, text: artifact.body.toString('utf8') };
};

describe('badge text and colour', () => {
  const cases = [
    ['operational', 'operational', 'brightgreen'],
    ['degraded_performance', 'degraded performance', 'yellow'],
    ['partial_outage', 'partial outage', 'orange'],
    ['major_outage', 'major outage', 'red'],
    ['under_maintenance', 'under maintenance', 'blue'],
  ] as const;
  it.each(cases)('a component that is %s says "%s" in %s', (status, message, color) => {
    const snapshot = fixtureSnapshot({ components: [fixtureComponent('Public API', status)] });
    expect(badgeContent(snapshot, { kind: 'status', ref: 'public-api' }, query())).toEqual({ label: 'Public API', message, color, status: 200 });
  });

  it.each([
    ['none', 'operational', 'brightgreen'],
    ['minor', 'minor outage', 'yellow'],
    ['major', 'partial outage', 'orange'],
    ['critical', 'major outage', 'red'],
    ['maintenance', 'maintenance', 'blue'],
  ] as const)('the overall badge for indicator %s says "%s" in %s', (indicator, message, color) => {
    expect(badgeContent(fixtureSnapshot({ indicator }), { kind: 'overall' }, query())).toMatchObject({ label: 'status', message, color });
  });

  it('finds a component by id or by the slug of its name, and a group', () => {
    const api = fixtureComponent('Public API (EU)', 'major_outage', [1, 1, 1], 'g1');
    const snapshot = fixtureSnapshot({ components: [api] });
    for (const ref of [api.id, 'public-api-eu', 'Public API (EU)']) {
      expect(badgeContent(snapshot, { kind: 'status', ref }, query()).message).toBe('major outage');
    }
    expect(badgeContent(snapshot, { kind: 'status', ref: 'g1' }, query()).label).toBe('Group g1');
  });

  it('gives uptime over the chosen days, coloured by how good it is', () => {
    const snapshot = fixtureSnapshot({ components: [fixtureComponent('API', 'operational', [0.9995, 0.985, null])] });
    expect(badgeContent(snapshot, { kind: 'uptime', ref: 'api' }, query({ days: '7' }))).toMatchObject({ label: 'uptime (7d)', message: '99.95%', color: 'brightgreen' });
    expect(badgeContent(snapshot, { kind: 'uptime', ref: 'api' }, query({ days: '30' }))).toMatchObject({ message: '98.50%', color: 'yellow' });
    expect(badgeContent(snapshot, { kind: 'uptime', ref: 'api' }, query())).toMatchObject({ label: 'uptime (90d)', message: 'no data yet', color: 'lightgrey' });
  });

  it('says since when for a component newer than the window, and a group with an older member does not', () => {
    const now = new Date('2026-03-10T14:02:00Z');
    const uptimeOf = (created: string, changes: { status: ComponentStatus; at: Date }[] = []) => {
      const result = computeUptime({ timeZone: 'Etc/UTC', now, days: lastDays(now, 'Etc/UTC', 90), changes: [{ status: 'operational', at: new Date(created) }, ...changes] });
      return { percent: result.uptime, lastDays: result.lastDays, days: result.days, incidentsByDay: {} };
    };
    const fresh = { ...fixtureComponent('Search', 'operational', undefined, 'g1'), uptime: uptimeOf('2026-03-10T14:00:00Z', [
      { status: 'major_outage', at: new Date('2026-03-10T14:01:00Z') },
      { status: 'operational', at: new Date('2026-03-10T14:01:28Z') },
    ]) };
    const older = { ...fixtureComponent('Web', 'operational', undefined, 'g1'), uptime: uptimeOf('2026-03-05T09:00:00Z') };
    const snapshot = fixtureSnapshot({ components: [fresh, older] });
    expect(badgeContent(snapshot, { kind: 'uptime', ref: 'search' }, query({ days: '7' }))).toMatchObject({ label: 'uptime', message: '99.94% since Mar 10', color: 'brightgreen' });
    expect(badgeContent(snapshot, { kind: 'uptime', ref: 'search' }, query({ days: '7', label: 'Search' }))).toMatchObject({ label: 'Search', message: '99.94% since Mar 10' });
    // Both members are newer than 30 days: the group counts from the older one's first day.
    expect(badgeContent(snapshot, { kind: 'uptime', ref: 'g1' }, query({ days: '30' }))).toMatchObject({ label: 'uptime', message: '99.97% since Mar 5' });
    // Over 7 days, a member tracked since Mar 1 covers the whole window.
    const fiveDays = { ...snapshot, components: [fresh, { ...older, uptime: uptimeOf('2026-03-01T09:00:00Z') }] };
    expect(badgeContent(fiveDays, { kind: 'uptime', ref: 'g1' }, query({ days: '7' }))).toMatchObject({ label: 'uptime (7d)', message: '99.97%' });
  });

  it('says "unknown" in grey with a 404 for a component that does not exist', () => {
    expect(badgeContent(fixtureSnapshot(), { kind: 'status', ref: 'nope' }, query())).toEqual({ label: 'status', message: 'unknown', color: 'lightgrey', status: 404 });
  });
});

describe('drawn badges', () => {
  it.each(BADGE_STYLES)('draws the %s style as SVG with the status in its accessible name', (style) => {
    const snapshot = fixtureSnapshot({ components: [fixtureComponent('Website', 'partial_outage')] });
    const { artifact, text } = svgOf(`/badge/website.svg${style === 'flat' ? '' : `?style=${style}`}`, snapshot);
    expect(artifact.status).toBe(200);
    expect(artifact.variants.identity.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(text).toMatch(/^<svg /);
    expect(text.toLowerCase()).toContain('aria-label="website: partial outage"');
  });

  it('keeps labels with <&"> as text, never markup', () => {
    const { text } = svgOf('/badge.svg?label=' + encodeURIComponent('<script>alert("x")</script> & co'));
    expect(text).not.toContain('<script>');
    expect(text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect(renderBadge({ label: '"><svg onload=x>', message: 'ok', color: 'red', status: 200 }, 'svg', 'social').body.toString()).not.toContain('<svg onload');
  });

  it('answers bad parameters with a 400 badge that says which one', () => {
    for (const [path, message] of [['/badge.svg?style=shiny', 'invalid style'], ['/badge/x/uptime.svg?days=5', 'invalid days'], [`/badge.svg?label=${'x'.repeat(65)}`, 'invalid label']]) {
      const { artifact, text, route } = svgOf(path);
      expect(artifact.status).toBe(400);
      expect(text).toContain(message);
      expect(route.kind === 'artifact' && route.volatile).toBe(true);
    }
  });

  it('serves the shields.io endpoint JSON', () => {
    const snapshot = fixtureSnapshot({ components: [fixtureComponent('Website', 'major_outage')] });
    expect(JSON.parse(svgOf('/badge/website.json', snapshot).text)).toEqual({ schemaVersion: 1, label: 'Website', message: 'major outage', color: 'red' });
    const unknown = svgOf('/badge/nope.json', snapshot);
    expect(unknown.artifact.status).toBe(404);
    expect(JSON.parse(unknown.text)).toMatchObject({ message: 'unknown', isError: true });
  });

  it('caches under one canonical key per badge; own labels and unknown ids in the bounded cache', () => {
    const snapshot = fixtureSnapshot({ components: [fixtureComponent('Website', 'operational')] });
    expect(svgOf('/badge.svg?style=flat&v=3', snapshot).route).toMatchObject({ key: '/badge.svg', volatile: false });
    expect(svgOf('/badge/website/uptime.svg?days=90', snapshot).route).toMatchObject({ key: '/badge/website/uptime.svg', volatile: false });
    expect(svgOf('/badge/website/uptime.svg?days=7&style=social', snapshot).route).toMatchObject({ key: '/badge/website/uptime.svg?style=social&days=7' });
    expect(svgOf('/badge.svg?label=Hello', snapshot).route).toMatchObject({ volatile: true });
    expect(svgOf('/badge/nope.svg', snapshot).route).toMatchObject({ volatile: true });
    // Every spelling that finds the component, its id among them, shares the slug's key: visitors
    // cannot grow the cache by inventing spellings.
    for (const spelling of ['/badge/c-website.svg', '/badge/Website!!.svg', '/badge/%77ebsite.svg', '/badge/w%65bsite.svg', '/badge/WEBSITE.svg']) {
      expect(svgOf(spelling, snapshot).route, spelling).toMatchObject({ key: '/badge/website.svg', volatile: false });
    }
    expect(svgOf('/badge/%77ebsite/uptime.json?days=30', snapshot).route).toMatchObject({ key: '/badge/website/uptime.json?days=30', volatile: false });
  });

  it('draws the message alone for an empty label', () => {
    const { text } = svgOf('/badge.svg?label=');
    expect(text).toContain('aria-label="operational"');
  });
});
