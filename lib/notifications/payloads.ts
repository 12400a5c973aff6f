// What subscribers' endpoints receive: Statuspage's webhook bodies (shared/STATUSPAGE_API.md,
// "Webhook notifications"), built from the same serializers as the public v2 JSON so the shapes match.
// A notification's payload is the body every recipient gets; each delivery adds its subscriber's
// unsubscribe link when it is sent, the same bytes on every retry.
import type { Tx } from '../db/client.ts';
import { newId } from '../ids.ts';
import { ACTIVE_MAINTENANCE_STATUSES, isClosedStatus, UNRESOLVED_INCIDENT_STATUSES, type ComponentStatus } from '../schemas/status.ts';
import { INCIDENT_WITH_UPDATES, readPageLayout, toSnapshotIncident } from '../status/page-rows.ts';
import { rollupStatus } from '../status/rollup.ts';
import type { PageLayout, SnapshotIncident } from '../status/snapshot-types.ts';
import { componentJson, incidentsJson } from '../status/statuspage-json.ts';
import { COMPONENT_SETTLE_MS } from './subscribers.ts';

export interface NotificationBody {
  /** `unsubscribe` holds the link less the subscriber's token, which each delivery appends. */
  meta: { unsubscribe: string; documentation: string; generated_at: string };
  page: { id: string; status_indicator: string; status_description: string };
  [key: string]: unknown;
}

/** Where a subscriber's one-click unsubscribe link points: this prefix and its token. */
export const unsubscribePrefix = (pageUrl: string) => `${pageUrl}/unsubscribe/`;

/** The page's rollup as the transaction sees it: after the change that is being announced. */
async function pageStatus(tx: Tx, layout: PageLayout) {
  const unresolved = await tx.incident.findMany({ where: { kind: 'incident', status: { in: [...UNRESOLVED_INCIDENT_STATUSES] } }, select: { impact: true } });
  const activeMaintenances = await tx.incident.count({ where: { kind: 'maintenance', status: { in: [...ACTIVE_MAINTENANCE_STATUSES] } } });
  return rollupStatus({
    componentStatuses: layout.components.map((component) => component.status),
    unresolvedIncidentImpacts: unresolved.map((incident) => incident.impact as never),
    maintenanceInProgress: activeMaintenances > 0,
  });
}

async function envelope(tx: Tx, layout: PageLayout, at: Date): Promise<Pick<NotificationBody, 'meta' | 'page'>> {
  const status = await pageStatus(tx, layout);
  return {
    meta: { unsubscribe: unsubscribePrefix(layout.page.url), documentation: `${layout.page.url}/docs/api`, generated_at: at.toISOString() },
    page: { id: layout.page.id, status_indicator: status.indicator, status_description: status.description },
  };
}

/** What a write records of what happened; the worker builds the body from it (notificationBody). */
export type NotificationEvent =
  /** An incident's or maintenance's update; without updateId, a maintenance about to start (its reminder). */
  | { incidentId: string; updateId?: string }
  /** A component's status change; `at` as ISO text. */
  | { componentId: string; oldStatus: ComponentStatus; newStatus: ComponentStatus; at: string };

export interface ComponentChange {
  componentId: string;
  oldStatus: ComponentStatus;
  newStatus: ComponentStatus;
  at: Date;
}

/**
 * The incident as it stood when update `updateId` was posted: that update and those before it, its
 * status then. Built a moment later by the worker, it tells the update it announces even when
 * another was posted meanwhile; names, components and the page's status are read as they are now.
 */
function asOfUpdate(incident: SnapshotIncident, updateId: string | undefined): SnapshotIncident {
  const index = updateId ? incident.updates.findIndex((update) => update.id === updateId) : 0;
  if (index <= 0) return incident;
  const update = incident.updates[index];
  const before = (at: string | null) => (at && at <= update.createdAt ? at : null);
  return { ...incident, status: update.status, updates: incident.updates.slice(index), updatedAt: update.createdAt, monitoringAt: before(incident.monitoringAt), resolvedAt: before(incident.resolvedAt) };
}

/** An incident or maintenance update: the full incident, its updates newest first, with the maintenance fields. */
async function incidentBody(tx: Tx, { incidentId, updateId }: { incidentId: string; updateId?: string }, at: Date) {
  // One after another: a transaction's connection runs one query at a time.
  const row = await tx.incident.findUnique({ where: { id: incidentId }, include: INCIDENT_WITH_UPDATES });
  if (!row) return null;
  const layout = await readPageLayout(tx, { inTransaction: true });
  const incident = asOfUpdate(toSnapshotIncident(row, { html: false }), updateId);
  const oldest = incident.updates.at(-1);
  const body: NotificationBody = {
    ...(await envelope(tx, layout, at)),
    incident: {
      ...incidentsJson(layout, [incident])[0],
      scheduled_for: incident.scheduledFor,
      scheduled_until: incident.scheduledUntil,
      scheduled_auto_in_progress: row.kind === 'maintenance' ? row.scheduledAutoInProgress : false,
      scheduled_auto_completed: row.kind === 'maintenance' ? row.scheduledAutoCompleted : false,
      impact_override: null,
      // Opened as already over: a past incident written down afterwards.
      backfilled: row.kind === 'incident' && Boolean(oldest && isClosedStatus(oldest.status)),
      postmortem_body: row.postmortemPublishedAt ? row.postmortemBody : null,
      postmortem_published_at: row.postmortemPublishedAt?.toISOString() ?? null,
    },
  };
  return { body, componentIds: incident.componentIds };
}

/**
 * Whether an incident's update about this component, posted as the change was written or within
 * COMPONENT_SETTLE_MS after, tells people of it (a monitor's change and the incident it opens).
 */
async function toldInIncident(tx: Tx, componentId: string, at: Date) {
  const within = { gte: at, lte: new Date(at.getTime() + COMPONENT_SETTLE_MS) };
  return Boolean(await tx.incidentUpdate.findFirst({ where: { deliverNotifications: true, createdAt: within, incident: { components: { some: { componentId } } } }, select: { id: true } }));
}

/** A component's status change, with the component as the change left it and the rollup now. */
async function componentBody(tx: Tx, change: Extract<NotificationEvent, { componentId: string }>, at: Date) {
  const layout = await readPageLayout(tx, { inTransaction: true });
  const component = layout.components.find((candidate) => candidate.id === change.componentId);
  if (!component) return null;
  const byIncident = await toldInIncident(tx, change.componentId, at);
  const body: NotificationBody = {
    ...(await envelope(tx, layout, at)),
    component_update: {
      id: newId(),
      component_id: change.componentId,
      component_type: 'Component',
      old_status: change.oldStatus,
      new_status: change.newStatus,
      created_at: change.at,
    },
    component: componentJson({ ...component, status: change.newStatus }, layout.page.id),
  };
  return { body, componentIds: [change.componentId], byIncident };
}

/**
 * Inside the worker's fan-out: the body every recipient of a notification written at `at` gets and
 * the components it is about, built from what the write recorded; null when its incident or component
 * is gone (deleted before it went out: nothing left to tell). `byIncident`: a component change an
 * incident's update tells people of.
 */
export async function notificationBody(tx: Tx, event: NotificationEvent, at: Date): Promise<{ body: NotificationBody; componentIds: string[]; byIncident?: boolean } | null> {
  return 'componentId' in event ? componentBody(tx, event, at) : incidentBody(tx, event, at);
}

/** The bytes one subscriber receives: the notification's body with its own unsubscribe link. */
export function bodyFor(payload: string, unsubscribeToken: string): string {
  const { meta, ...rest } = JSON.parse(payload) as NotificationBody;
  return JSON.stringify({ meta: { ...meta, unsubscribe: `${meta.unsubscribe}${unsubscribeToken}` }, ...rest });
}

/** What a confirmation email carries: the link that confirms, until when, and the components chosen (names; null for all). */
export interface ConfirmationPayload {
  confirm_url: string;
  expires_at: string;
  components: string[] | null;
}

/** What a "manage your subscription" message carries: sent to an address subscribing again, and to a chat channel just subscribed. */
export interface ManageLinkPayload {
  manage_url: string;
  components: string[] | null;
}

/** Where a subscriber changes what it follows or unsubscribes, with the token every notification carries. */
export const managePath = (token: string) => `/subscriptions/${token}`;
/** The page asking to confirm an email subscription. */
export const confirmPath = (token: string) => `/subscribe/confirm/${token}`;
/** The one-click unsubscribe endpoint (RFC 8058's List-Unsubscribe-Post posts here); a person's link goes to unsubscribePrefix. */
export const oneClickUnsubscribePath = (token: string) => `/api/unsubscribe/${token}`;
