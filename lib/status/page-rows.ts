// The rows a page is made of, read and shaped once for both readers: the public snapshot (which adds
// uptime and renders markdown) and the admin API (which shows just the rows it is asked for).
import type { Db, Tx } from '../db/client.ts';
import type { Prisma } from '../generated/sqlite/client.ts';
import { renderMarkdown } from '../markdown.ts';
import type { ComponentStatus, Impact, IncidentKind, IncidentStatus, MaintenanceStatus } from '../schemas/status.ts';
import { worstComponentStatus } from './rollup.ts';
import type { LayoutComponent, PageLayout, SnapshotIncident } from './snapshot-types.ts';
import { topLevelOrder } from './page-order.ts';

/** Shown until an operator names the page (and on a database nobody has set up). */
export const DEFAULT_PAGE = { id: 'gatewatch', name: 'Gatewatch', url: 'http://localhost:3000', timeZone: 'Etc/UTC' };

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

/** The latest of some rows' `updatedAt`. */
export const latestUpdate = (dates: (Date | null | undefined)[]) =>
  dates.filter((date): date is Date => Boolean(date)).reduce((latest, date) => (date > latest ? date : latest), new Date(0));

type ComponentRow = NonNullable<Awaited<ReturnType<Db['component']['findFirst']>>>;

/** A component row as the snapshot and the JSON shapes read it (times as ISO strings). */
export function toLayoutComponent(row: ComponentRow): LayoutComponent {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    status: row.status as ComponentStatus,
    position: row.position,
    showcase: row.showcase,
    onlyShowIfDegraded: row.onlyShowIfDegraded,
    showResponseTimes: row.showResponseTimes,
    startDate: row.startDate ? iso(row.startDate).slice(0, 10) : null,
    groupId: row.groupId,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

/**
 * The page, its groups and components in page order, without uptime: three small queries, at once,
 * or in turn inside a transaction (`tx`), whose one connection runs one query at a time.
 */
export async function readPageLayout(db: Db | Tx, { inTransaction = false } = {}) {
  const reads = [
    () => db.page.findFirst({ orderBy: { createdAt: 'asc' } }),
    () => db.componentGroup.findMany({ orderBy: [{ position: 'asc' }, { createdAt: 'asc' }] }),
    () => db.component.findMany({ orderBy: [{ position: 'asc' }, { createdAt: 'asc' }] }),
  ] as const;
  const [pageRow, groupRows, componentRows] = inTransaction
    ? ([await reads[0](), await reads[1](), await reads[2]()] as const)
    : await Promise.all([reads[0](), reads[1](), reads[2]()]);
  const components = componentRows.map(toLayoutComponent);
  const groups = groupRows.map((row) => {
    const children = components.filter((component) => component.groupId === row.id);
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      position: row.position,
      status: worstComponentStatus(children.map((child) => child.status)),
      componentIds: children.map((child) => child.id),
      createdAt: iso(row.createdAt),
      updatedAt: iso(row.updatedAt),
    };
  });
  const layout: PageLayout = {
    page: {
      id: pageRow?.id ?? DEFAULT_PAGE.id,
      name: pageRow?.name ?? DEFAULT_PAGE.name,
      url: (pageRow?.url ?? DEFAULT_PAGE.url).replace(/\/+$/, ''),
      timeZone: pageRow?.timeZone ?? DEFAULT_PAGE.timeZone,
      supportUrl: pageRow?.supportUrl ?? null,
      logoUrl: pageRow?.logoUrl ?? null,
      accentColor: pageRow?.accentColor ?? null,
      updatedAt: iso(latestUpdate([pageRow?.updatedAt, ...groupRows.map((row) => row.updatedAt), ...componentRows.map((row) => row.updatedAt)])),
    },
    groups,
    components,
    layout: topLevelOrder(groups, components),
  };
  return layout;
}

/** What an incident row brings along: its components in page order, its updates newest first. */
export const INCIDENT_WITH_UPDATES = {
  components: { select: { componentId: true }, orderBy: { component: { position: 'asc' } } },
  updates: { orderBy: [{ displayAt: 'desc' }, { createdAt: 'desc' }], include: { affectedComponents: true } },
} satisfies Prisma.IncidentInclude;

/** Incidents newest first, as every list shows them. */
export const INCIDENT_ORDER = [{ startedAt: 'desc' }, { createdAt: 'desc' }] satisfies Prisma.IncidentOrderByWithRelationInput[];

type IncidentRow = Prisma.IncidentGetPayload<{ include: typeof INCIDENT_WITH_UPDATES }>;

// Rendering markdown is the costliest step of a rebuild; an update's HTML only changes with it.
const htmlCache = new Map<string, string>();
function cachedMarkdown(key: string, markdown: string): string {
  let html = htmlCache.get(key);
  if (html === undefined) {
    html = renderMarkdown(markdown);
    if (htmlCache.size > 20_000) htmlCache.clear();
    htmlCache.set(key, html);
  }
  return html;
}

/**
 * An incident row in the snapshot's shape. The admin API, which answers in markdown only, asks for
 * no HTML (`html: false` leaves it empty) and so never pays for rendering it.
 */
export function toSnapshotIncident(row: IncidentRow, { html = true } = {}): SnapshotIncident {
  const markdown = (key: string, text: string) => (html ? cachedMarkdown(key, text) : '');
  return {
    id: row.id,
    kind: row.kind as IncidentKind,
    name: row.name,
    status: row.status as IncidentStatus | MaintenanceStatus,
    impact: row.impact as Impact,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    startedAt: iso(row.startedAt),
    monitoringAt: isoOrNull(row.monitoringAt),
    resolvedAt: isoOrNull(row.resolvedAt),
    scheduledFor: isoOrNull(row.scheduledFor),
    scheduledUntil: isoOrNull(row.scheduledUntil),
    cancelledAt: isoOrNull(row.cancelledAt),
    deploy: row.deploy,
    componentIds: row.components.map((link) => link.componentId),
    postmortemHtml: row.postmortemBody ? markdown(`pm:${row.id}:${row.updatedAt.getTime()}`, row.postmortemBody) : null,
    updates: row.updates.map((update) => ({
      id: update.id,
      status: update.status as IncidentStatus | MaintenanceStatus,
      body: update.body,
      bodyHtml: markdown(`${update.id}:${update.updatedAt.getTime()}`, update.body),
      displayAt: iso(update.displayAt),
      createdAt: iso(update.createdAt),
      updatedAt: iso(update.updatedAt),
      deliverNotifications: update.deliverNotifications,
      affectedComponents: update.affectedComponents.length
        ? update.affectedComponents.map((affected) => ({
            code: affected.componentId,
            name: affected.name,
            old_status: affected.oldStatus as ComponentStatus,
            new_status: affected.newStatus as ComponentStatus,
          }))
        : null,
    })),
  };
}
