// Alerts from Prometheus Alertmanager and Grafana, turned into checks of alert monitors. An alert
// counts for every active alert monitor whose labels it all carries. Each monitor keeps the alerts
// firing for it (MonitorAlert rows): when that set turns non-empty it records a failing check, when
// it empties a passing one, through the same status rule and automatic incidents as probes. An alert
// posted again, or the resolution of one not held, changes nothing: senders repeat notifications.
import { createHash } from 'node:crypto';
import { requirePermission, type Actor } from '../access/permissions.ts';
import type { Db } from '../db/client.ts';
import { lockForWrite, visibleWrite } from '../db/writes.ts';
import { alertWebhookSchema, type WebhookAlert } from '../schemas/alert-webhook.ts';
import { followWithIncident } from './auto-incidents.ts';
import { NO_PROBE, type ProbeResult } from './probes.ts';
import { recordCheckIn, type RecordedCheck } from './record-check.ts';
import { settingsOf, type AlertSettings } from './settings.ts';

/** What one alert monitor made of a post. */
export interface MonitorAlertChange {
  monitorId: string;
  name: string;
  componentId: string;
  /** Alerts of the post that carry its labels. */
  matched: number;
  /** Alerts it newly holds as firing, and those it no longer holds. */
  added: number;
  resolved: number;
  /** Alerts firing for it after the post. */
  firing: number;
  /** The check recorded when its set of firing alerts turned non-empty or empty; null otherwise. */
  recorded: (RecordedCheck & { result: ProbeResult }) | null;
}

export interface AlertIntakeResult {
  received: number;
  monitors: MonitorAlertChange[];
  /** Alerts no monitor's labels match: they change nothing, and are named so operators can map them. */
  unmapped: { fingerprint: string; status: string; labels: Record<string, string> }[];
}

/** A sender's post may be large (up to MAX_ALERTS_PER_POST alerts with their annotations). */
export const ALERT_BODY_BYTES = 1024 * 1024;

interface KeyedAlert extends WebhookAlert {
  fingerprint: string;
}

/** The sender's fingerprint; else a stable hash of the labels, sorted, as Alertmanager's own is. */
export function alertFingerprint(alert: WebhookAlert): string {
  if (alert.fingerprint) return alert.fingerprint;
  const sorted = Object.entries(alert.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 16);
}

const shorten = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/** The alert in a few words: its alertname and its summary (or description) annotation. */
export function alertSummary(alert: WebhookAlert): string {
  const name = alert.labels.alertname ?? 'alert';
  const about = (alert.annotations?.summary || alert.annotations?.description || '').replace(/\s+/g, ' ').trim();
  return shorten(about ? `${name}: ${about}` : name, 200);
}

const matches = (labels: AlertSettings['labels'], alert: WebhookAlert) => Object.entries(labels).every(([name, value]) => alert.labels[name] === value);

/**
 * Validates `payload` (an Alertmanager or Grafana webhook body) and applies its alerts to the alert
 * monitors they match. Bad payloads throw a ZodError before anything is stored.
 */
export async function receiveAlerts(db: Db, payload: unknown, actor: Actor, at = new Date()): Promise<AlertIntakeResult> {
  requirePermission(actor, 'alerts.post');
  const alerts: KeyedAlert[] = alertWebhookSchema.parse(payload).alerts.map((alert) => ({ ...alert, fingerprint: alertFingerprint(alert) }));
  const monitors = (await db.monitor.findMany({ where: { kind: 'alert', paused: false }, orderBy: { createdAt: 'asc' } })).map((row) => ({
    row,
    labels: (settingsOf(row) as AlertSettings).labels,
  }));

  const unmapped: AlertIntakeResult['unmapped'] = [];
  const byMonitor = new Map<string, KeyedAlert[]>();
  for (const alert of alerts) {
    const mine = monitors.filter((monitor) => matches(monitor.labels, alert));
    if (!mine.length) unmapped.push({ fingerprint: alert.fingerprint, status: alert.status, labels: alert.labels });
    for (const { row } of mine) byMonitor.set(row.id, [...(byMonitor.get(row.id) ?? []), alert]);
  }

  const changes: MonitorAlertChange[] = [];
  for (const [monitorId, matched] of byMonitor) {
    const change = await applyAlerts(db, monitorId, matched, at);
    if (!change) continue;
    // As the scheduler does after a check: the incident, once the check has committed.
    if (change.recorded) change.recorded.incident = change.recorded.incidentStepPossible ? await followWithIncident(db, monitorId, change.recorded.result, at) : null;
    changes.push(change);
  }
  return { received: alerts.length, monitors: changes, unmapped };
}

/**
 * One monitor's alerts in one transaction that also decides whether there is a check to record, so
 * two deliveries at once cannot both record the same change: they take turns on a lock per monitor.
 * Null when the monitor was paused or deleted meanwhile.
 */
async function applyAlerts(db: Db, monitorId: string, alerts: KeyedAlert[], at: Date): Promise<MonitorAlertChange | null> {
  return visibleWrite(db, async (tx, outcome) => {
    await lockForWrite(db, tx, `monitor-alerts.${monitorId}`);
    const monitor = await tx.monitor.findUnique({ where: { id: monitorId }, select: { name: true, componentId: true, kind: true, paused: true } });
    if (!monitor || monitor.kind !== 'alert' || monitor.paused) {
      outcome.nothingVisibleChanged();
      return null;
    }
    const held = new Set((await tx.monitorAlert.findMany({ where: { monitorId }, select: { fingerprint: true } })).map((row) => row.fingerprint));
    const wasFiring = held.size > 0;
    const added: KeyedAlert[] = [];
    let resolved = 0;
    for (const alert of alerts) {
      if (alert.status === 'firing' && !held.has(alert.fingerprint)) {
        await tx.monitorAlert.create({
          data: { monitorId, fingerprint: alert.fingerprint, labels: JSON.stringify(alert.labels), summary: alertSummary(alert), startsAt: alert.startsAt ? new Date(alert.startsAt) : null, createdAt: at },
        });
        held.add(alert.fingerprint);
        added.push(alert);
      } else if (alert.status === 'resolved' && held.has(alert.fingerprint)) {
        await tx.monitorAlert.delete({ where: { monitorId_fingerprint: { monitorId, fingerprint: alert.fingerprint } } });
        held.delete(alert.fingerprint);
        resolved++;
      }
    }
    const firing = held.size > 0;
    const change = { monitorId, name: monitor.name, componentId: monitor.componentId, matched: alerts.length, added: added.length, resolved, firing: held.size, recorded: null };
    // Still firing, or still quiet: nothing for the page (the held set is not shown).
    if (firing === wasFiring) {
      outcome.nothingVisibleChanged();
      return change;
    }
    const result = firing ? firingCheck(added) : RESOLVED_CHECK;
    const recorded = await recordCheckIn(db, tx, outcome, monitorId, result, at);
    return { ...change, recorded: recorded && { ...recorded, result } };
  });
}


const RESOLVED_CHECK: ProbeResult = { ...NO_PROBE, ok: true, detail: 'all alerts resolved' };

function firingCheck(added: KeyedAlert[]): ProbeResult {
  const more = added.length > 1 ? ` (and ${added.length - 1} more)` : '';
  return { ...NO_PROBE, ok: false, code: 'alert', detail: `${alertSummary(added[0])}${more}` };
}
