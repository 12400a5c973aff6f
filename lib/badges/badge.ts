import { makeBadge } from 'badge-maker';
import { z } from 'zod';
import { withoutInvalidXml } from '../feeds/xml.ts';
import { createArtifact, type Artifact } from '../http/artifact.ts';
import type { ComponentStatus, Indicator } from '../schemas/status.ts';
import { findComponentOrGroup } from '../status/find-component.ts';
import type { Snapshot, SnapshotComponent } from '../status/snapshot-types.ts';
import { formatUptimeSince, trackedSince, UPTIME_WINDOWS, type UptimeWindow } from '../status/uptime.ts';

export const BADGE_STYLES = ['flat', 'flat-square', 'plastic', 'for-the-badge', 'social'] as const;

/** Query parameters of every badge; others (cache busters such as `?v=2`) are ignored. */
export const badgeQuerySchema = z.object({
  style: z.enum(BADGE_STYLES, { error: `style must be one of ${BADGE_STYLES.join(', ')}` }).default('flat'),
  /** The left-hand text; empty draws the message alone. */
  label: z.string().trim().max(64, 'label must be at most 64 characters').optional(),
  days: z
    .enum(UPTIME_WINDOWS.map(String) as ['7', '30', '90'], { error: `days must be one of ${UPTIME_WINDOWS.join(', ')}` })
    .default('90')
    .transform((days) => Number(days) as UptimeWindow),
});
export type BadgeQuery = z.infer<typeof badgeQuerySchema>;

/**
 * Shields' named colours, chosen per status: each badge draws its own background, so they read the
 * same on light and dark pages.
 */
const COLORS = { ok: 'brightgreen', good: 'green', minor: 'yellow', partial: 'orange', major: 'red', maintenance: 'blue', none: 'lightgrey' };

const COMPONENT_BADGE: Record<ComponentStatus, { message: string; color: string }> = {
  operational: { message: 'operational', color: COLORS.ok },
  degraded_performance: { message: 'degraded performance', color: COLORS.minor },
  partial_outage: { message: 'partial outage', color: COLORS.partial },
  major_outage: { message: 'major outage', color: COLORS.major },
  under_maintenance: { message: 'under maintenance', color: COLORS.maintenance },
};

const OVERALL_BADGE: Record<Indicator, { message: string; color: string }> = {
  none: { message: 'operational', color: COLORS.ok },
  minor: { message: 'minor outage', color: COLORS.minor },
  major: { message: 'partial outage', color: COLORS.partial },
  critical: { message: 'major outage', color: COLORS.major },
  maintenance: { message: 'maintenance', color: COLORS.maintenance },
};

function uptimeColor(uptime: number | null): string {
  if (uptime === null) return COLORS.none;
  if (uptime >= 0.999) return COLORS.ok;
  if (uptime >= 0.99) return COLORS.good;
  if (uptime >= 0.95) return COLORS.minor;
  if (uptime >= 0.9) return COLORS.partial;
  return COLORS.major;
}

/** What a badge says, before it is drawn. */
export interface BadgeContent {
  label: string;
  message: string;
  color: string;
  /** 200, or 404/400 for a badge that reports a problem. */
  status: number;
}

export type BadgeSubject = { kind: 'overall' } | { kind: 'status'; ref: string } | { kind: 'uptime'; ref: string };

export function badgeContent(snapshot: Snapshot, subject: BadgeSubject, query: BadgeQuery): BadgeContent {
  if (subject.kind === 'overall') {
    return { label: query.label ?? 'status', ...OVERALL_BADGE[snapshot.status.indicator], status: 200 };
  }
  const found = findComponentOrGroup(snapshot, subject.ref);
  if (!found) return { label: query.label ?? 'status', message: 'unknown', color: COLORS.none, status: 404 };
  if (subject.kind === 'status') return { label: query.label ?? found.name, ...COMPONENT_BADGE[found.status], status: 200 };
  const members = 'uptime' in found ? [found] : snapshot.components.filter((component) => found.componentIds.includes(component.id));
  const { uptime, since } = windowUptime(members, query.days);
  // Younger than the window: the figure says since when, and "(30d)" would not be true.
  return {
    label: query.label ?? (since ? 'uptime' : `uptime (${query.days}d)`),
    message: uptime === null ? 'no data yet' : formatUptimeSince(uptime, since),
    color: uptimeColor(uptime),
    status: 200,
  };
}

/**
 * Uptime over the window: a component's own, a group's the mean of its components' (groups have no
 * status history of their own). `since` is the first day with data when that is within the window.
 */
function windowUptime(components: SnapshotComponent[], days: UptimeWindow): { uptime: number | null; since: string | null } {
  const measured = components.filter((component) => component.uptime.lastDays[days] !== null);
  if (!measured.length) return { uptime: null, since: null };
  const uptime = measured.reduce((sum, component) => sum + component.uptime.lastDays[days]!, 0) / measured.length;
  const starts = measured.map((component) => trackedSince(component.uptime.days, days));
  // One member with data over the whole window covers the group's window.
  const since = starts.includes(null) ? null : starts.sort()[0];
  return { uptime, since };
}

/** A badge reporting bad query parameters. */
export function invalidBadge(message: string): BadgeContent {
  return { label: 'badge', message, color: COLORS.major, status: 400 };
}

// Badges should be live, yet a CDN or GitHub's image proxy may keep one for a minute.
const BADGE_CACHE_CONTROL = 'public, max-age=60, s-maxage=60, stale-while-revalidate=300, stale-if-error=86400';

/**
 * The badge as SVG (drawn by badge-maker, which escapes the text but keeps control characters that
 * no XML may hold, so those are dropped here) or as a shields.io endpoint JSON.
 */
export function renderBadge(
  content: BadgeContent,
  format: 'svg' | 'json',
  style: BadgeQuery['style'],
  options: { cacheControl?: string; headers?: Record<string, string> } = {},
): Artifact {
  const label = withoutInvalidXml(content.label);
  const message = withoutInvalidXml(content.message);
  const cacheControl = options.cacheControl ?? BADGE_CACHE_CONTROL;
  const headers = { 'access-control-allow-origin': '*', ...options.headers };
  if (format === 'json') {
    const body = { schemaVersion: 1, label, message, color: content.color, ...(content.status !== 200 && { isError: true }) };
    return createArtifact({ body: JSON.stringify(body), contentType: 'application/json; charset=utf-8', status: content.status, cacheControl, headers });
  }
  return createArtifact({
    body: makeBadge({ label, message, color: content.color, style }),
    contentType: 'image/svg+xml; charset=utf-8',
    status: content.status,
    cacheControl,
    // An SVG opened on its own is a document: it may draw, never run anything.
    headers: { ...headers, 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" },
  });
}
