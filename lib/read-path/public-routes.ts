import { findIncident } from '../status/incident-page.ts';
import { getHistoryPage, parseHistoryPageParam } from '../status/history.ts';
import type { Snapshot } from '../status/snapshot-types.ts';
import { STATUSPAGE_ENDPOINTS } from '../status/statuspage-json.ts';
import { createArtifact, type Artifact } from './artifact.ts';

/**
 * A public GET answered from the snapshot: JSON built here, or an HTML page rendered by Next.js.
 * `key` names the response within a snapshot version; keys are canonical (`/history?page=1` and
 * `/history` share one), and only exist for things in the snapshot, so the cache stays bounded.
 */
export type PublicRoute = { kind: 'json'; key: string; endpoint: string } | { kind: 'html'; key: string };

export const API_V2_PREFIX = '/api/v2/';

export function resolvePublicRoute(pathname: string, search: URLSearchParams, snapshot: Snapshot): PublicRoute | null {
  if (pathname.startsWith(API_V2_PREFIX)) {
    const endpoint = pathname.slice(API_V2_PREFIX.length);
    return Object.hasOwn(STATUSPAGE_ENDPOINTS, endpoint) ? { kind: 'json', key: pathname, endpoint } : null;
  }
  if (pathname === '/') return { kind: 'html', key: '/' };
  if (pathname === '/history') {
    const page = parseHistoryPageParam(search.get('page'));
    if (!getHistoryPage(snapshot, page)) return null;
    return { kind: 'html', key: page === 1 ? '/history' : `/history?page=${page}` };
  }
  const incident = /^\/incidents\/([a-z0-9_-]{1,64})$/i.exec(pathname);
  if (incident && findIncident(snapshot, incident[1])) return { kind: 'html', key: pathname };
  return null;
}

/** A v2 endpoint's body, with open CORS as Statuspage serves it. */
export function renderStatuspageJson(snapshot: Snapshot, endpoint: string): Artifact {
  return createArtifact({
    body: JSON.stringify(STATUSPAGE_ENDPOINTS[endpoint](snapshot)),
    contentType: 'application/json; charset=utf-8',
    headers: { 'access-control-allow-origin': '*' },
  });
}
