// Written here, not with the `feed` package (6.0): its xml-js writer breaks a CDATA holding "]]>" twice, turns a literal "&amp;" into "&", and marks plain-text titles as HTML.
import { createArtifact, type Artifact } from '../http/artifact.ts';
import { timelineStatusLabel } from '../status/incident-state.ts';
import type { Snapshot, SnapshotIncident } from '../status/snapshot-types.ts';
import { formatDateTime } from '../time.ts';
import { xmlText } from './xml.ts';

/** How many incidents a feed carries, newest first (feed readers keep what they have seen). */
const FEED_LENGTH = 50;

/** What a feed covers: the whole page, or one component or group. */
export interface FeedScope {
  /** The page's address, no trailing slash. */
  baseUrl: string;
  /** Component or group name, for a per-component feed. */
  componentName?: string;
  /** The feed's own URL path and query, as requested. */
  selfPath: string;
  /** Incidents shown; all of the page's when absent. */
  filter?: (incident: SnapshotIncident) => boolean;
}

/** For pages' <link rel="alternate">: feed readers find the feeds from the page itself. */
export const FEED_ALTERNATES = { 'application/atom+xml': '/history.atom', 'application/rss+xml': '/history.rss' };

export const pageBaseUrl = (snapshot: Snapshot) => snapshot.page.url.replace(/\/+$/, '');

function feedEntries(snapshot: Snapshot, scope: FeedScope): SnapshotIncident[] {
  return [...snapshot.incidents, ...snapshot.maintenances]
    .filter((incident) => !scope.filter || scope.filter(incident))
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
    .slice(0, FEED_LENGTH);
}

const lastUpdated = (snapshot: Snapshot, entries: SnapshotIncident[]) =>
  entries.reduce((latest, entry) => (entry.updatedAt > latest ? entry.updatedAt : latest), snapshot.page.updatedAt);

function feedTitle(snapshot: Snapshot, scope: FeedScope) {
  return `${snapshot.page.name} Status - ${scope.componentName ? `${scope.componentName} ` : ''}Incident History`;
}

/** An entry's content: each update, newest first, as a block with its time, status and body. */
function entryHtml(incident: SnapshotIncident, timeZone: string): string {
  return incident.updates
    .map(
      (update) =>
        `<div><p><small>${formatDateTime(update.displayAt, timeZone)}</small><br><strong>${timelineStatusLabel(update, incident.cancelledAt)}</strong></p>${update.bodyHtml}</div>`,
    )
    .join('\n');
}

/** The tag URI Statuspage uses for an incident: stable across renames and address changes of the page. */
const tagId = (baseUrl: string, what: string) => `tag:${new URL(baseUrl).hostname},2005:${what}`;

const FEED_CACHE_CONTROL = 'public, max-age=60, s-maxage=60, stale-while-revalidate=300, stale-if-error=86400';

export function renderAtom(snapshot: Snapshot, scope: FeedScope): Artifact {
  const entries = feedEntries(snapshot, scope);
  const updated = lastUpdated(snapshot, entries);
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xml:lang="en" xmlns="http://www.w3.org/2005/Atom">',
    `<id>${xmlText(tagId(scope.baseUrl, scope.selfPath))}</id>`,
    `<link rel="alternate" type="text/html" href="${xmlText(`${scope.baseUrl}/history`)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${xmlText(scope.baseUrl + scope.selfPath)}"/>`,
    `<title>${xmlText(feedTitle(snapshot, scope))}</title>`,
    `<updated>${updated}</updated>`,
    `<author><name>${xmlText(snapshot.page.name)}</name></author>`,
    ...entries.map((incident) =>
      [
        '<entry>',
        `<id>${xmlText(tagId(scope.baseUrl, `Incident/${incident.id}`))}</id>`,
        `<published>${incident.createdAt}</published>`,
        `<updated>${incident.updatedAt}</updated>`,
        `<link rel="alternate" type="text/html" href="${xmlText(`${scope.baseUrl}/incidents/${incident.id}`)}"/>`,
        `<title>${xmlText(incident.name)}</title>`,
        `<content type="html">${xmlText(entryHtml(incident, snapshot.page.timeZone))}</content>`,
        '</entry>',
      ].join('\n'),
    ),
    '</feed>',
    '',
  ].join('\n');
  return createArtifact({ body: xml, contentType: 'application/atom+xml; charset=utf-8', cacheControl: FEED_CACHE_CONTROL, headers: { 'access-control-allow-origin': '*' } });
}

const rfc822 = (iso: string) => new Date(iso).toUTCString();

export function renderRss(snapshot: Snapshot, scope: FeedScope): Artifact {
  const entries = feedEntries(snapshot, scope);
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${xmlText(feedTitle(snapshot, scope))}</title>`,
    `<link>${xmlText(`${scope.baseUrl}/history`)}</link>`,
    `<description>${xmlText(`Incidents and maintenance of ${snapshot.page.name}`)}</description>`,
    '<language>en</language>',
    `<atom:link href="${xmlText(scope.baseUrl + scope.selfPath)}" rel="self" type="application/rss+xml"/>`,
    `<lastBuildDate>${rfc822(lastUpdated(snapshot, entries))}</lastBuildDate>`,
    ...entries.map((incident) =>
      [
        '<item>',
        `<title>${xmlText(incident.name)}</title>`,
        `<description>${xmlText(entryHtml(incident, snapshot.page.timeZone))}</description>`,
        `<pubDate>${rfc822(incident.createdAt)}</pubDate>`,
        `<link>${xmlText(`${scope.baseUrl}/incidents/${incident.id}`)}</link>`,
        `<guid isPermaLink="true">${xmlText(`${scope.baseUrl}/incidents/${incident.id}`)}</guid>`,
        '</item>',
      ].join('\n'),
    ),
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
  return createArtifact({ body: xml, contentType: 'application/rss+xml; charset=utf-8', cacheControl: FEED_CACHE_CONTROL, headers: { 'access-control-allow-origin': '*' } });
}
