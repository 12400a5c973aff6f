// Calendar days and wall-clock times in the page's time zone. Wall clock ↔ instant goes through
// Temporal (the polyfill until Node ships it), which settles DST gaps and overlaps by the standard; day
// keys and display stay on Intl, which gives the same answers nine times faster in the snapshot's loops.
// Neither ships a tz database: both read the zones Node's ICU knows.
import { Temporal } from 'temporal-polyfill';

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(timeZone: string) {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether Intl knows the IANA zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    dayFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

let zoneNames: string[] | undefined;
let zonesByLowerCase: Map<string, string> | undefined;

/** The IANA zones to offer, sorted: Intl's list, plus the UTC names it leaves out (Node lists neither). */
export function timeZoneNames(): string[] {
  zoneNames ??= [...new Set([...Intl.supportedValuesOf('timeZone'), 'Etc/UTC', 'UTC'])].sort();
  return zoneNames;
}

/**
 * An IANA zone name as stored: a listed zone in its own spelling (`europe/berlin` → `Europe/Berlin`),
 * another name Intl knows (an alias such as `Asia/Kolkata`) as given; null when Intl does not know it.
 */
export function canonicalTimeZone(name: string): string | null {
  zonesByLowerCase ??= new Map(timeZoneNames().map((zone) => [zone.toLowerCase(), zone]));
  const listed = zonesByLowerCase.get(name.toLowerCase());
  if (listed) return listed;
  try {
    // Not through the formatter cache: a name typed by someone is not worth keeping a formatter for.
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name;
  } catch {
    return null;
  }
}

/** The calendar day (YYYY-MM-DD) that `date` falls on in `timeZone`. */
export function dayKey(date: Date, timeZone: string): string {
  return dayFormatter(timeZone).format(date);
}

/** The instant a calendar day starts in `timeZone` (DST-aware: where midnight is skipped, the first instant after). */
export function startOfDay(day: string, timeZone: string): Date {
  return new Date(Temporal.PlainDate.from(day).toZonedDateTime(timeZone).epochMilliseconds);
}

/**
 * A wall-clock time in `timeZone` ("2026-11-27T10:00", as a datetime-local input gives it) → the
 * instant. A time skipped by a DST change moves forward (02:30 → 03:30); a time that happens twice
 * is the first one; an impossible date is invalid.
 */
export function wallClockToInstant(local: string, timeZone: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return new Date(NaN);
  try {
    const wallClock = Temporal.PlainDateTime.from(local, { overflow: 'reject' });
    // 'compatible' is the rule above: forward through a gap, the earlier of an overlap.
    return new Date(wallClock.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds);
  } catch {
    return new Date(NaN);
  }
}

/** An instant as a wall-clock time in `timeZone`, as a datetime-local input shows it ("2026-11-27T10:00"). */
export function instantToWallClock(date: Date | string, timeZone: string): string {
  const instant = Temporal.Instant.fromEpochMilliseconds(new Date(date).getTime());
  return instant.toZonedDateTimeISO(timeZone).toPlainDateTime().toString({ smallestUnit: 'minute' });
}

export function addDays(day: string, count: number): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + count)).toISOString().slice(0, 10);
}

/** The `count` calendar days ending with today in `timeZone`, oldest first. */
export function lastDays(now: Date, timeZone: string, count: number): string[] {
  const today = dayKey(now, timeZone);
  return Array.from({ length: count }, (_, index) => addDays(today, index - count + 1));
}

/** "Nov 24, 2026, 22:50 UTC" in the page's zone; with `seconds`, "Nov 24, 2026, 22:50:07 UTC". */
export function formatDateTime(date: Date | string, timeZone: string, { seconds = false } = {}): string {
  return `${wallClockText(date, timeZone, { dateStyle: 'medium', timeStyle: seconds ? 'medium' : 'short' })} ${zoneAbbreviation(new Date(date), timeZone)}`;
}

const wallClockText = (date: Date | string, timeZone: string, style: Pick<Intl.DateTimeFormatOptions, 'dateStyle' | 'timeStyle'>) =>
  new Intl.DateTimeFormat('en-US', { timeZone, ...style, hourCycle: 'h23' }).format(new Date(date));

/** A span of time in `timeZone`: "Dec 1, 2026, 02:00 – 04:00 UTC" within one day, else both ends in full. */
export function formatTimeSpan(from: Date | string, until: Date | string, timeZone: string): string {
  if (dayKey(new Date(from), timeZone) !== dayKey(new Date(until), timeZone)) return `${formatDateTime(from, timeZone)} – ${formatDateTime(until, timeZone)}`;
  return `${wallClockText(from, timeZone, { dateStyle: 'medium', timeStyle: 'short' })} – ${wallClockText(until, timeZone, { timeStyle: 'short' })} ${zoneAbbreviation(new Date(until), timeZone)}`;
}

function zoneAbbreviation(date: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
    .formatToParts(date)
    .find((candidate) => candidate.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** "Nov 24, 2026" for a YYYY-MM-DD day. */
export function formatDay(day: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', dateStyle: 'medium' }).format(new Date(`${day}T00:00:00Z`));
}

/** "Nov 24" for a YYYY-MM-DD day of the last few months (the year goes without saying). */
export function formatShortDay(day: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric' }).format(new Date(`${day}T00:00:00Z`));
}

/** "November 2026" for a YYYY-MM month. */
export function formatMonth(month: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

/** "2h 15m", "3d 4h", "45m", "under a minute". */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return rest > 0 ? `${hours}h ${rest}m` : `${hours}h`;
  return `${rest}m`;
}
