import { dayKey } from '../time.ts';
import type { Snapshot, SnapshotIncident } from './snapshot-types.ts';

export const MONTHS_PER_PAGE = 3;

export interface HistoryPage {
  page: number;
  totalPages: number;
  /** Newest month first; months with nothing in them are listed too. */
  months: { month: string; items: SnapshotIncident[] }[];
}

/** When an incident or maintenance belongs in the history: when it started, or was scheduled to. */
const happenedAt = (item: SnapshotIncident) => item.scheduledFor ?? item.startedAt;

function previousMonth(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number);
  return monthNumber === 1 ? `${year - 1}-12` : `${year}-${String(monthNumber - 1).padStart(2, '0')}`;
}

/** Incidents and maintenances grouped by month, `MONTHS_PER_PAGE` months a page, back to the first. */
export function getHistoryPage(snapshot: Snapshot, page: number, now = new Date(snapshot.builtAt)): HistoryPage | null {
  const zone = snapshot.page.timeZone;
  const monthOf = (iso: string) => dayKey(new Date(iso), zone).slice(0, 7);
  const byMonth = new Map<string, SnapshotIncident[]>();
  for (const item of [...snapshot.incidents, ...snapshot.maintenances]) {
    const month = monthOf(happenedAt(item));
    byMonth.set(month, [...(byMonth.get(month) ?? []), item]);
  }
  const currentMonth = monthOf(now.toISOString());
  const firstMonth = [...byMonth.keys(), currentMonth].sort()[0];
  const months: string[] = [];
  for (let month = [...byMonth.keys(), currentMonth].sort().at(-1)!; month >= firstMonth; month = previousMonth(month)) {
    months.push(month);
  }
  const totalPages = Math.max(1, Math.ceil(months.length / MONTHS_PER_PAGE));
  if (!Number.isInteger(page) || page < 1 || page > totalPages) return null;
  return {
    page,
    totalPages,
    months: months.slice((page - 1) * MONTHS_PER_PAGE, page * MONTHS_PER_PAGE).map((month) => ({
      month,
      items: (byMonth.get(month) ?? []).sort((a, b) => happenedAt(b).localeCompare(happenedAt(a))),
    })),
  };
}

/** Parses `?page=` as the history page wants it: absent means 1; anything else must be a whole number. */
export function parseHistoryPageParam(value: string | string[] | null | undefined): number {
  if (value === undefined || value === null) return 1;
  const text = Array.isArray(value) ? value[0] : value;
  return /^[1-9][0-9]{0,5}$/.test(text) ? Number(text) : NaN;
}
