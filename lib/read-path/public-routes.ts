import { badgeContent, badgeQuerySchema, invalidBadge, renderBadge, type BadgeSubject } from '../badges/badge.ts';
import { COPY_SNIPPETS_SCRIPT, FRAME_UPDATE_SCRIPT } from '../embed/page-scripts.ts';
import { WIDGET_SOURCE } from '../embed/widget-source.ts';
import { pageBaseUrl, renderAtom, renderRss, type FeedScope } from '../feeds/history-feeds.ts';
import { renderMaintenanceCalendar } from '../feeds/maintenance-calendar.ts';
import { componentRef, findComponentOrGroup } from '../status/find-component.ts';
import { findIncident } from '../status/incident-page.ts';
import { getHistoryPage, parseHistoryPageParam } from '../status/history.ts';
import type { Snapshot } from '../status/snapshot-types.ts';
import { STATUSPAGE_ENDPOINTS } from '../status/statuspage-json.ts';
import { createArtifact, type Artifact } from '../http/artifact.ts';
import { API_V2_PREFIX } from './public-paths.ts';
import { errorPageArtifact } from '../error-pages/error-page-files.ts';
import type { GatewayError } from '../error-pages/error-page.ts';

/**
 * A public GET answered from the snapshot: bytes rendered here (JSON, badges, feeds, the embed
 * script), or an HTML page rendered by Next.js. `key` names the response within a snapshot version;
 * keys are canonical (`/history?page=1` and `/history` share one). Keys exist only for things in the
 * snapshot, except `volatile` ones (a badge's own label, an unknown component), which the read path
 * keeps in a small bounded cache.
 */
export type PublicRoute =
  | { kind: 'html'; key: string; frameable?: boolean; /** Inline scripts the page runs, allowed by its policy. */ scripts?: readonly string[] }
  | { kind: 'artifact'; key: string; render: (snapshot: Snapshot) => Artifact | Promise<Artifact>; volatile?: boolean };

export function resolvePublicRoute(pathname: string, search: URLSearchParams, snapshot: Snapshot): PublicRoute | null {
  if (pathname.startsWith(API_V2_PREFIX)) {
    const endpoint = pathname.slice(API_V2_PREFIX.length);
    if (!Object.hasOwn(STATUSPAGE_ENDPOINTS, endpoint)) return null;
    return { kind: 'artifact', key: pathname, render: (current) => renderStatuspageJson(current, endpoint) };
  }
  if (pathname === '/badge.svg' || pathname === '/badge.json' || pathname.startsWith('/badge/')) return resolveBadge(pathname, search, snapshot);
  switch (pathname) {
    case '/':
      return { kind: 'html', key: pathname };
    case '/embed':
      return { kind: 'html', key: pathname, scripts: [COPY_SNIPPETS_SCRIPT] };
    case '/embed/frame':
      return { kind: 'html', key: pathname, frameable: true, scripts: [FRAME_UPDATE_SCRIPT] };
    case '/history':
      return resolveHistoryPage(search, snapshot);
    case '/history.atom':
    case '/history.rss':
      return resolveFeed(pathname, search, snapshot);
    case '/maintenance.ics':
      return { kind: 'artifact', key: pathname, render: (current) => renderMaintenanceCalendar(current) };
    case '/embed.js':
      return { kind: 'artifact', key: pathname, render: renderWidgetScript };
  }
  const errorPage = /^\/errors\/(50[234])\.(html|http)$/.exec(pathname);
  if (errorPage) {
    const [, code, format] = errorPage;
    return { kind: 'artifact', key: pathname, render: (current) => errorPageArtifact(current, Number(code) as GatewayError, format as 'html' | 'http') };
  }
  const incident = /^\/incidents\/([a-z0-9_-]{1,64})$/i.exec(pathname);
  if (incident && findIncident(snapshot, incident[1])) return { kind: 'html', key: pathname };
  return null;
}

function resolveHistoryPage(search: URLSearchParams, snapshot: Snapshot): PublicRoute | null {
  const page = parseHistoryPageParam(search.get('page'));
  if (!getHistoryPage(snapshot, page)) return null;
  return { kind: 'html', key: page === 1 ? '/history' : `/history?page=${page}` };
}

const BADGE_PATH = /^\/badge(?:\/([^/]{1,100}?))?(\/uptime)?\.(svg|json)$/;

function resolveBadge(pathname: string, search: URLSearchParams, snapshot: Snapshot): PublicRoute | null {
  const match = BADGE_PATH.exec(pathname);
  if (!match) return null;
  const [, encodedRef, uptime, format] = match as unknown as [string, string | undefined, string | undefined, 'svg' | 'json'];
  let ref: string | undefined;
  try {
    ref = encodedRef === undefined ? undefined : decodeURIComponent(encodedRef);
  } catch {
    ref = '';
  }
  if (ref === undefined && uptime) return null;
  // Every spelling of a component (its id, its slug, percent-encoded or not) is kept under one key,
  // its canonical one: visitors cannot grow the cache by inventing spellings.
  const found = ref === undefined ? undefined : findComponentOrGroup(snapshot, ref);
  const canonicalRef = found ? componentRef(snapshot, found) : ref;
  const subject: BadgeSubject = canonicalRef === undefined ? { kind: 'overall' } : { kind: uptime ? 'uptime' : 'status', ref: canonicalRef };

  const query = badgeQuerySchema.safeParse({
    style: search.get('style') ?? undefined,
    label: search.get('label') ?? undefined,
    days: (subject.kind === 'uptime' && search.get('days')) || undefined,
  });
  if (!query.success) {
    // Badges are small: name the parameter here; the full rule is on /embed.
    const message = `invalid ${String(query.error.issues[0].path[0])}`;
    return { kind: 'artifact', key: `${pathname}?${search}`, volatile: true, render: () => renderBadge(invalidBadge(message), format, 'flat') };
  }
  const { style, label, days } = query.data;
  const params = new URLSearchParams();
  if (style !== 'flat') params.set('style', style);
  if (label !== undefined) params.set('label', label);
  if (subject.kind === 'uptime' && days !== 90) params.set('days', String(days));
  const canonicalPath = subject.kind === 'overall' || !found ? pathname : `/badge/${encodeURIComponent(subject.ref)}${uptime ?? ''}.${format}`;
  const key = params.size ? `${canonicalPath}?${params}` : canonicalPath;
  // Keys of known components are bounded by the snapshot; own labels and unknown components are
  // what visitors make up, kept in the small bounded cache.
  return {
    kind: 'artifact',
    key,
    volatile: label !== undefined || (subject.kind !== 'overall' && !found),
    render: (current) => renderBadge(badgeContent(current, subject, query.data), format, style),
  };
}

function resolveFeed(pathname: '/history.atom' | '/history.rss', search: URLSearchParams, snapshot: Snapshot): PublicRoute | null {
  const ref = search.get('component');
  const render = pathname === '/history.atom' ? renderAtom : renderRss;
  if (ref === null) {
    return { kind: 'artifact', key: pathname, render: (current) => render(current, { baseUrl: pageBaseUrl(current), selfPath: pathname }) };
  }
  const found = findComponentOrGroup(snapshot, ref);
  if (!found) return null;
  // One key per component, whichever way the URL spells it.
  const canonicalRef = componentRef(snapshot, found);
  const key = `${pathname}?${new URLSearchParams({ component: canonicalRef })}`;
  return {
    kind: 'artifact',
    key,
    render: (current) => {
      const subject = findComponentOrGroup(current, canonicalRef);
      const ids = new Set(subject ? ('componentIds' in subject ? subject.componentIds : [subject.id]) : []);
      const scope: FeedScope = {
        baseUrl: pageBaseUrl(current),
        selfPath: key,
        componentName: subject?.name ?? canonicalRef,
        filter: (incident) => incident.componentIds.some((id) => ids.has(id)),
      };
      return render(current, scope);
    },
  };
}

/** A v2 endpoint's body, with open CORS as Statuspage serves it. */
export function renderStatuspageJson(snapshot: Snapshot, endpoint: string): Artifact {
  return createArtifact({
    body: JSON.stringify(STATUSPAGE_ENDPOINTS[endpoint](snapshot)),
    contentType: 'application/json; charset=utf-8',
    headers: { 'access-control-allow-origin': '*' },
  });
}

function renderWidgetScript(): Artifact {
  return createArtifact({
    body: WIDGET_SOURCE,
    contentType: 'text/javascript; charset=utf-8',
    // Host pages keep the script for an hour; what it shows is fetched live.
    cacheControl: 'public, max-age=3600, s-maxage=3600, stale-while-revalidate=86400, stale-if-error=604800',
    headers: { 'access-control-allow-origin': '*' },
  });
}
