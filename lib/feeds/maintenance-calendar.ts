// Written here, not with ical-generator (10/11): it writes the calendar's name unescaped (a newline in it starts a new line), keeps control characters, and needs Node 22 from v11.
import { markdownToText } from '../markdown.ts';
import { createArtifact, type Artifact } from '../http/artifact.ts';
import { UPDATE_STATUS_LABELS } from '../schemas/status.ts';
import type { Snapshot } from '../status/snapshot-types.ts';
import { pageBaseUrl } from './history-feeds.ts';

/** Maintenance windows that ended longer ago than this are left out of the calendar. */
const KEEP_PAST_DAYS = 90;

/** RFC 5545 text: backslash, semicolon, comma and newlines escaped; other control characters dropped. */
const icsText = (value: string) =>
  value
    .replace(/\r\n?/g, '\n')
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');

/** UTC date-time in iCalendar's basic form: 20261124T230500Z. */
const icsTime = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** Lines longer than 75 octets are folded (CRLF and a space), never inside a UTF-8 character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (octets + size > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** `/maintenance.ics`: every scheduled maintenance window, for calendar apps to subscribe to. */
export function renderMaintenanceCalendar(snapshot: Snapshot, now = new Date(snapshot.builtAt)): Artifact {
  const baseUrl = pageBaseUrl(snapshot);
  const host = new URL(baseUrl).host;
  const cutoff = new Date(now.getTime() - KEEP_PAST_DAYS * 86_400_000).toISOString();
  const names = new Map(snapshot.components.map((component) => [component.id, component.name]));
  const events = snapshot.maintenances
    // A cancelled window leaves the calendar: subscribed calendars drop events the feed no longer has.
    .filter((maintenance) => maintenance.scheduledFor && maintenance.scheduledUntil && maintenance.scheduledUntil >= cutoff && !maintenance.cancelledAt)
    .map((maintenance) => {
      const latest = maintenance.updates[0];
      const affected = maintenance.componentIds.map((id) => names.get(id)).filter(Boolean);
      const description = [
        latest ? `${UPDATE_STATUS_LABELS[latest.status]}: ${markdownToText(latest.body)}` : '',
        affected.length ? `Affected: ${affected.join(', ')}` : '',
        `${baseUrl}/incidents/${maintenance.id}`,
      ].filter(Boolean);
      return [
        'BEGIN:VEVENT',
        `UID:${maintenance.id}@${host}`,
        `DTSTAMP:${icsTime(maintenance.updatedAt)}`,
        `LAST-MODIFIED:${icsTime(maintenance.updatedAt)}`,
        `CREATED:${icsTime(maintenance.createdAt)}`,
        `SEQUENCE:${Math.max(0, maintenance.updates.length - 1)}`,
        `DTSTART:${icsTime(maintenance.scheduledFor!)}`,
        `DTEND:${icsTime(maintenance.scheduledUntil!)}`,
        `SUMMARY:${icsText(maintenance.name)}`,
        `DESCRIPTION:${icsText(description.join('\n\n'))}`,
        `URL:${baseUrl}/incidents/${maintenance.id}`,
        'CATEGORIES:Maintenance',
        'STATUS:CONFIRMED',
        'TRANSP:TRANSPARENT',
        'END:VEVENT',
      ];
    });
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Gatewatch//Status page//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icsText(`${snapshot.page.name} maintenance`)}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
    ...events.flat(),
    'END:VCALENDAR',
  ];
  return createArtifact({
    body: `${lines.map(fold).join('\r\n')}\r\n`,
    contentType: 'text/calendar; charset=utf-8',
    cacheControl: 'public, max-age=300, s-maxage=300, stale-while-revalidate=3600, stale-if-error=86400',
    headers: { 'access-control-allow-origin': '*' },
  });
}
