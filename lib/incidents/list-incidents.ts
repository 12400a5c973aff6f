// The admin's list of every incident and maintenance, read straight from the rows it shows.
import { dbProvider, type Db } from '../db/client.ts';
import { ACTIVE_MAINTENANCE_STATUSES, UNRESOLVED_INCIDENT_STATUSES } from '../schemas/status.ts';

export const INCIDENT_FILTERS = {
  all: 'All',
  open: 'Open incidents',
  resolved: 'Resolved incidents',
  upcoming: 'Upcoming maintenance',
  maintenance: 'All maintenance',
} as const;
export type IncidentFilter = keyof typeof INCIDENT_FILTERS;

const WHERE: Record<IncidentFilter, object> = {
  all: {},
  open: { kind: 'incident', status: { in: [...UNRESOLVED_INCIDENT_STATUSES] } },
  resolved: { kind: 'incident', status: { notIn: [...UNRESOLVED_INCIDENT_STATUSES] } },
  upcoming: { kind: 'maintenance', status: { in: ['scheduled', ...ACTIVE_MAINTENANCE_STATUSES] } },
  maintenance: { kind: 'maintenance' },
};

export const INCIDENTS_PER_PAGE = 50;

export function parseIncidentFilter(value: unknown): IncidentFilter {
  return typeof value === 'string' && Object.hasOwn(INCIDENT_FILTERS, value) ? (value as IncidentFilter) : 'all';
}

/** Newest first, `INCIDENTS_PER_PAGE` a page; `search` matches part of the title, in any case. */
export async function listIncidents(db: Db, { filter = 'all', search = '', page = 1 }: { filter?: IncidentFilter; search?: string; page?: number }) {
  const text = search.trim().slice(0, 255);
  // SQLite's LIKE ignores ASCII case already; PostgreSQL needs to be asked.
  const name = text ? (dbProvider(db) === 'postgresql' ? { contains: text, mode: 'insensitive' as const } : { contains: text }) : undefined;
  const where = { ...WHERE[filter], ...(name && { name }) };
  const [rows, total] = await Promise.all([
    db.incident.findMany({
      where,
      orderBy: [{ startedAt: 'desc' }, { createdAt: 'desc' }],
      // A page past the end is simply empty; a huge one must not overflow what the database takes.
      skip: (Math.min(Math.max(1, page), 100_000) - 1) * INCIDENTS_PER_PAGE,
      take: INCIDENTS_PER_PAGE,
      select: {
        id: true,
        kind: true,
        name: true,
        status: true,
        impact: true,
        startedAt: true,
        resolvedAt: true,
        scheduledFor: true,
        cancelledAt: true,
        _count: { select: { updates: true } },
      },
    }),
    db.incident.count({ where }),
  ]);
  return { rows, total, pages: Math.max(1, Math.ceil(total / INCIDENTS_PER_PAGE)) };
}
