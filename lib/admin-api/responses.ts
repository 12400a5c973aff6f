import type { Actor } from '../access/permissions.ts';
import type { Db } from '../db/client.ts';
import { failureOf } from '../monitors/failures.ts';
import { heartbeatUrl, lastChecks, listMonitors, readMonitor, recentChecks } from '../monitors/manage-monitors.ts';
import type { CheckNowResult } from '../monitors/scheduler.ts';
import type { AlertIntakeResult } from '../monitors/alert-intake.ts';
import type { StatusDecision } from '../monitors/status-rule.ts';
import { HIDDEN_VALUE, settingsOf, withoutPassword, type AlertSettings, type HttpSettings, type TcpSettings } from '../monitors/settings.ts';
import { AppError, notFound } from '../errors.ts';
import type { Prisma } from '../generated/sqlite/client.ts';
import { findPage, publicBaseUrl } from '../page/page-settings.ts';
import { ACTIVE_MAINTENANCE_STATUSES, UNRESOLVED_INCIDENT_STATUSES } from '../schemas/status.ts';
import { DEFAULT_PAGE, INCIDENT_ORDER, INCIDENT_WITH_UPDATES, readPageLayout, toLayoutComponent, toSnapshotIncident } from '../status/page-rows.ts';
import { DEPLOYS_IN_PROGRESS } from '../maintenance/deploys.ts';
import { componentJson, componentsJson, incidentsJson } from '../status/statuspage-json.ts';

const NO_STORE = { 'cache-control': 'no-store' };

// Admin API bodies read just the rows they show, fresh from the database (no public snapshot), and
// go through the same serializers as the public v2 JSON: one shape for incidents and components.

/** The incident lists of the Manage API, each one query, in the order Statuspage gives them. */
const INCIDENT_LISTS: Record<IncidentList, { where: Prisma.IncidentWhereInput; orderBy: Prisma.IncidentOrderByWithRelationInput[] }> = {
  all: { where: {}, orderBy: [{ createdAt: 'desc' }, ...INCIDENT_ORDER] },
  unresolved: { where: { kind: 'incident', status: { in: [...UNRESOLVED_INCIDENT_STATUSES] } }, orderBy: INCIDENT_ORDER },
  upcoming: { where: { kind: 'maintenance', status: 'scheduled' }, orderBy: [{ scheduledFor: 'asc' }, ...INCIDENT_ORDER] },
  active_maintenance: { where: { kind: 'maintenance', status: { in: [...ACTIVE_MAINTENANCE_STATUSES] } }, orderBy: [{ scheduledFor: 'desc' }, ...INCIDENT_ORDER] },
  deploys: { where: DEPLOYS_IN_PROGRESS, orderBy: [{ scheduledUntil: 'asc' }, ...INCIDENT_ORDER] },
};

export type IncidentList = 'all' | 'unresolved' | 'upcoming' | 'active_maintenance' | 'deploys';

export async function incidentsResponse(db: Db, list: IncidentList) {
  const [layout, rows] = await Promise.all([readPageLayout(db), db.incident.findMany({ ...INCIDENT_LISTS[list], include: INCIDENT_WITH_UPDATES })]);
  return Response.json(incidentsJson(layout, rows.map((row) => toSnapshotIncident(row, { html: false }))), { headers: NO_STORE });
}

async function readIncident(db: Db, incidentId: string) {
  const [layout, row] = await Promise.all([readPageLayout(db), db.incident.findUnique({ where: { id: incidentId }, include: INCIDENT_WITH_UPDATES })]);
  if (!row) throw notFound('incident', incidentId);
  return { row, json: incidentsJson(layout, [toSnapshotIncident(row, { html: false })])[0] };
}

export async function incidentResponse(db: Db, incidentId: string, status = 200) {
  const { row, json } = await readIncident(db, incidentId);
  // The version is the ETag: send it back in If-Match to have a stale write refused (409).
  return Response.json(json, { status, headers: { ...NO_STORE, etag: `"${row.version}"` } });
}

/** One update of an incident, in the shape of the v2 JSON's incident_updates entries. */
export async function incidentUpdateResponse(db: Db, incidentId: string, updateId: string) {
  const { json } = await readIncident(db, incidentId);
  const update = (json as { incident_updates: { id: string }[] }).incident_updates.find((candidate) => candidate.id === updateId);
  if (!update) throw notFound('incident update', updateId);
  return Response.json(update, { headers: NO_STORE });
}

export async function componentsResponse(db: Db) {
  return Response.json(componentsJson(await readPageLayout(db)), { headers: NO_STORE });
}

/**
 * One component: its own row and the page's id, not the whole layout. A group's id answers the group
 * as it stands in the list (Statuspage lists groups among the components).
 */
export async function componentResponse(db: Db, id: string, status = 200) {
  const [page, row] = await Promise.all([findPage(db), db.component.findUnique({ where: { id } })]);
  if (row) return Response.json(componentJson(toLayoutComponent(row), page?.id ?? DEFAULT_PAGE.id), { status, headers: NO_STORE });
  const group = (componentsJson(await readPageLayout(db)) as { id: string }[]).find((entry) => entry.id === id);
  if (!group) throw notFound('component', id);
  return Response.json(group, { status, headers: NO_STORE });
}

/**
 * The page in Statuspage's Manage API shape: the v2 page object's fields, then the branding.
 * `updated_at` is when the settings last changed (v2's says when anything visible did).
 */
export async function pageResponse(db: Db) {
  const page = await findPage(db);
  if (!page) throw notFound('page', 'settings');
  return Response.json(pageObject(page), { headers: NO_STORE });
}

/** The pages this key can manage, as Statuspage lists them (scripts often start here to find the id): the one page. */
export async function pagesResponse(db: Db) {
  const page = await findPage(db);
  return Response.json(page ? [pageObject(page)] : [], { headers: NO_STORE });
}

function pageObject(page: NonNullable<Awaited<ReturnType<typeof findPage>>>) {
  return {
    id: page.id,
    name: page.name,
    url: page.url,
    time_zone: page.timeZone,
    updated_at: page.updatedAt.toISOString(),
    support_url: page.supportUrl,
    logo_url: page.logoUrl,
    accent_color: page.accentColor,
  };
}

/** Groups in the Manage API's shape: their members as ids, in page order. */
export async function groupsResponse(db: Db, id?: string, status = 200) {
  const layout = await readPageLayout(db);
  const all = layout.groups
    .toSorted((a, b) => a.position - b.position)
    .map((group) => ({
      id: group.id,
      page_id: layout.page.id,
      name: group.name,
      description: group.description,
      components: group.componentIds,
      position: group.position,
      created_at: group.createdAt,
      updated_at: group.updatedAt,
    }));
  if (id === undefined) return Response.json(all, { headers: NO_STORE });
  const group = all.find((candidate) => candidate.id === id);
  if (!group) throw notFound('component group', id);
  return Response.json(group, { status, headers: NO_STORE });
}

/**
 * `If-Match: "3"` → 3; absent or `*` (any version, as HTTP defines it) → no check; anything else
 * is a 400, so a malformed header never passes as no check.
 */
export function expectedVersion(request: Request): number | undefined {
  const header = request.headers.get('if-match')?.trim();
  if (!header || header === '*') return undefined;
  const version = Number(header.replace(/^W\//, '').replace(/"/g, ''));
  if (Number.isInteger(version) && version > 0) return version;
  throw new AppError('invalid_if_match', 'If-Match must be the ETag of the incident, like "3", or *');
}

// Monitors, in the admin API's snake_case. Header values are not shown (they often hold tokens); the
// heartbeat URL is, since the job that calls it needs it copied.
type MonitorRow = Awaited<ReturnType<typeof readMonitor>>;
type CheckRow = Awaited<ReturnType<typeof recentChecks>>[number];

/** A check's result in the API's words; `failureOf` adds what its code means. */
function resultJson(result: Pick<CheckRow, 'ok' | 'code' | 'detail' | 'statusCode' | 'durationMs' | 'connectMs' | 'firstByteMs'>) {
  const failure = failureOf(result.code);
  return {
    ok: result.ok,
    code: result.code,
    label: failure?.label ?? null,
    explanation: failure?.explanation ?? null,
    detail: result.detail,
    status_code: result.statusCode,
    duration_ms: result.durationMs,
    connect_ms: result.connectMs,
    first_byte_ms: result.firstByteMs,
  };
}

const checkJson = (check: CheckRow) => ({ at: check.at.toISOString(), ...resultJson(check) });

/**
 * A monitor in the API's words. Header values are never shown (they often hold tokens); to a key
 * that may only read, neither are the request body, a password in the URL, or the heartbeat URL
 * (whoever holds it can report a dead job as alive).
 */
function monitorJson(row: MonitorRow, baseUrl: string, lastCheck: CheckRow | undefined, actor: Actor) {
  const settings = settingsOf(row) as Partial<HttpSettings & TcpSettings & AlertSettings>;
  const secrets = actor.permissions.has('components.configure');
  const own =
    row.kind === 'http'
      ? {
          url: secrets ? settings.url : withoutPassword(settings.url ?? ''),
          method: settings.method,
          headers: Object.fromEntries(Object.keys(settings.headers ?? {}).map((name) => [name, HIDDEN_VALUE])),
          body: secrets || !settings.body ? settings.body : '(hidden)',
          expected_status: settings.expectedStatus,
          keyword: settings.keyword,
          keyword_absent: settings.keywordAbsent,
          json_path: settings.jsonPath,
          json_value: settings.jsonValue,
          follow_redirects: settings.followRedirects,
          ignore_tls_errors: settings.ignoreTlsErrors,
          slow_ms: settings.slowMs,
          cert_expiry_days: settings.certExpiryDays,
        }
      : row.kind === 'tcp'
        ? { host: settings.host, port: settings.port }
        : row.kind === 'alert'
          ? { labels: settings.labels }
          : { heartbeat_url: secrets ? heartbeatUrl(baseUrl, row.heartbeatToken!) : '(hidden: ask an owner or admin)' };
  return {
    id: row.id,
    name: row.name,
    component_id: row.componentId,
    type: row.kind,
    ...own,
    interval_seconds: row.intervalSeconds,
    timeout_seconds: row.timeoutSeconds,
    failures_before_down: row.failuresBeforeDown,
    successes_before_up: row.successesBeforeUp,
    down_status: row.downStatus,
    paused: row.paused,
    incident_mode: row.incidentMode,
    incident_template_id: row.incidentTemplateId,
    incident_quiet_minutes: row.incidentQuietMinutes,
    open_incident_id: row.openIncidentId,
    state: row.state,
    state_since: row.stateSince?.toISOString() ?? null,
    last_check_at: row.lastCheckAt?.toISOString() ?? null,
    last_check: lastCheck ? checkJson(lastCheck) : null,
    cert_expires_at: row.certExpiresAt?.toISOString() ?? null,
    // An alert monitor is never checked on a schedule.
    next_check_at: row.paused || row.kind === 'alert' ? null : row.nextCheckAt.toISOString(),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export async function monitorsResponse(db: Db, actor: Actor) {
  const [rows, baseUrl] = await Promise.all([listMonitors(db), publicBaseUrl(db)]);
  const last = await lastChecks(db, rows.map((row) => row.id));
  return Response.json(rows.map((row) => monitorJson(row, baseUrl, last.get(row.id), actor)), { headers: NO_STORE });
}

export async function monitorResponse(db: Db, id: string, actor: Actor, status = 200) {
  const [row, baseUrl, last] = await Promise.all([readMonitor(db, id), publicBaseUrl(db), lastChecks(db, [id])]);
  return Response.json(monitorJson(row, baseUrl, last.get(id), actor), { status, headers: NO_STORE });
}

export async function checksResponse(db: Db, monitorId: string, limit?: number) {
  return Response.json((await recentChecks(db, monitorId, limit)).map(checkJson), { headers: NO_STORE });
}

const componentStatusJson = (decision: StatusDecision) =>
  decision.action === 'leave' ? { changed: false, reason: decision.reason } : { changed: decision.action === 'set', status: decision.status };

/** "Check now": the check as recorded, and what the monitor and the component made of it. */
export function checkNowResponse({ result, state, previousState, decision, incident }: CheckNowResult) {
  return Response.json(
    {
      check: { ...resultJson(result), cert_expires_at: result.certExpiresAt?.toISOString() ?? null },
      state,
      previous_state: previousState,
      component_status: componentStatusJson(decision),
      incident: incident ?? null,
    },
    { headers: NO_STORE },
  );
}

/** An alert post: what each alert monitor it matched made of it, and the alerts no monitor matches. */
export function alertIntakeResponse({ received, monitors, unmapped }: AlertIntakeResult) {
  return Response.json(
    {
      received,
      monitors: monitors.map(({ monitorId, name, componentId, matched, added, resolved, firing, recorded }) => ({
        monitor_id: monitorId,
        name,
        component_id: componentId,
        matched,
        added,
        resolved,
        firing,
        // A check only when its firing alerts went from none to some, or back.
        check: recorded && { ok: recorded.result.ok, code: recorded.result.code, label: failureOf(recorded.result.code)?.label ?? null, detail: recorded.result.detail },
        state: recorded?.state ?? null,
        previous_state: recorded?.previousState ?? null,
        component_status: recorded ? componentStatusJson(recorded.decision) : null,
        incident: recorded?.incident ?? null,
      })),
      unmapped,
    },
    { headers: NO_STORE },
  );
}
