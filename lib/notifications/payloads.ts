// What subscribers' endpoints receive: Statuspage's webhook bodies (shared/STATUSPAGE_API.md,
// "Webhook notifications"), built from the same serializers as the public v2 JSON so the shapes match.
// A notification's payload is the body every recipient gets; each delivery adds its subscriber's
// unsubscribe link when it is sent, the same bytes on every retry.
import type { Tx } from '../db/client.ts';
import { newId } from '../ids.ts';
import { ACTIVE_MAINTENANCE_STATUSES, isClosedStatus, UNRESOLVED_INCIDENT_STATUSES, type ComponentStatus } from '../schemas/status.ts';
import { INCIDENT_WITH_UPDATES, readPageLayout, toSnapshotIncident } from '../status/page-rows.ts';
import { rollupStatus } from '../status/rollup.ts';
import type { PageLayout } from '../status/snapshot-types.ts';
import { componentJson, incidentsJson } from '../status/statuspage-json.ts';

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

/** An incident or maintenance update: the full incident, its updates newest first, with the maintenance fields. */
export async function incidentBody(tx: Tx, incidentId: string, at: Date) {
  // One after another: a transaction's connection runs one query at a time.
  const layout = await readPageLayout(tx, { inTransaction: true });
  const row = await tx.incident.findUniqueOrThrow({ where: { id: incidentId }, include: INCIDENT_WITH_UPDATES });
  const incident = toSnapshotIncident(row, { html: false });
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

export interface ComponentChange {
  componentId: string;
  oldStatus: ComponentStatus;
  newStatus: ComponentStatus;
  at: Date;
}

/** Component status changes, one body each, all with the rollup after them. */
export async function componentBodies(tx: Tx, changes: ComponentChange[], at: Date) {
  const layout = await readPageLayout(tx, { inTransaction: true });
  const head = await envelope(tx, layout, at);
  return changes.map((change) => {
    const component = layout.components.find((candidate) => candidate.id === change.componentId)!;
    const body: NotificationBody = {
      ...head,
      component_update: {
        id: newId(),
        component_id: change.componentId,
        component_type: 'Component',
        old_status: change.oldStatus,
        new_status: change.newStatus,
        created_at: change.at.toISOString(),
      },
      component: componentJson(component, layout.page.id),
    };
    return { body, componentIds: [change.componentId] };
  });
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
