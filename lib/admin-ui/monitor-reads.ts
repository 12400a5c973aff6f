// What the admin's monitor pages show, read in one place: the list, one monitor with its recent
// checks and its figures from the rollups, and its settings as the form shows them.
import type { Db } from '../db/client.ts';
import { listTemplates } from '../incidents/templates.ts';
import { findPage, publicBaseUrl } from '../page/page-settings.ts';
import { heartbeatUrl, lastChecks, listMonitors, readMonitor, recentChecks, type MonitorRow } from '../monitors/manage-monitors.ts';
import { monitorStats, STATS_RANGES } from '../monitors/rollups.ts';
import { monitorDefaults, settingsOf, withoutPassword, type AlertSettings, type HttpSettings, type MonitorKind, type TcpSettings } from '../monitors/settings.ts';
import { readPageLayout } from '../status/page-rows.ts';

export const MONITOR_KIND_LABELS: Record<MonitorKind, string> = { http: 'HTTP(S)', tcp: 'TCP port', heartbeat: 'Heartbeat', alert: 'Alert' };

/** An alert monitor's labels as the form and the list show them: one name=value per line. */
export const labelsText = (labels: Record<string, string>, separator = '\n') =>
  Object.entries(labels)
    .map(([name, value]) => `${name}=${value}`)
    .join(separator);

/** What a monitor watches, in a few words: its URL, host:port, or "called by a job". */
export function monitorTarget(row: MonitorRow): string {
  const settings = settingsOf(row) as Partial<HttpSettings & TcpSettings & AlertSettings>;
  if (row.kind === 'alert') return `alerts with ${labelsText(settings.labels ?? {}, ', ')}`;
  if (row.kind === 'http') return `${settings.method === 'GET' ? '' : `${settings.method} `}${withoutPassword(settings.url ?? '')}`;
  if (row.kind === 'tcp') return `${settings.host}:${settings.port}`;
  return `called every ${row.intervalSeconds} s by a job`;
}

/** The components to choose from, in page order, as the form's options. */
async function componentOptions(db: Db) {
  const layout = await readPageLayout(db);
  const groupName = new Map(layout.groups.map((group) => [group.id, group.name]));
  return layout.components.map((component) => ({ value: component.id, label: component.groupId ? `${groupName.get(component.groupId)} › ${component.name}` : component.name }));
}

export async function readMonitorsOverview(db: Db) {
  const [rows, components] = await Promise.all([listMonitors(db), componentOptions(db)]);
  const componentName = new Map(components.map((option) => [option.value, option.label]));
  const last = await lastChecks(db, rows.map((row) => row.id));
  return {
    components,
    monitors: rows.map((row) => ({ row, target: monitorTarget(row), componentName: componentName.get(row.componentId) ?? 'a deleted component', lastCheck: last.get(row.id) })),
  };
}

/** Form values for a new monitor of `kind`: the defaults the verbs would use, shown. */
export function newMonitorValues(kind: MonitorKind, componentId = ''): Record<string, string> {
  const defaults = monitorDefaults(kind);
  return {
    ...stringValues({ ...defaults, componentId, incidentTemplateId: '' }),
    ...(kind === 'http' && { method: 'GET', expectedStatus: '200-299', followRedirects: 'on' }),
  };
}

const stringValues = (values: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [name, value === null || value === undefined ? '' : typeof value === 'boolean' ? (value ? 'on' : '') : String(value)]));

/** A stored monitor as its edit form shows it (header values never: they often hold tokens). */
function monitorValues(row: MonitorRow): Record<string, string> {
  const { headers: _hidden, labels, ...settings } = settingsOf(row) as Partial<HttpSettings> & Partial<TcpSettings> & Partial<AlertSettings>;
  return stringValues({
    ...settings,
    ...(labels && { labels: labelsText(labels) }),
    name: row.name,
    componentId: row.componentId,
    intervalSeconds: row.intervalSeconds,
    timeoutSeconds: row.timeoutSeconds,
    failuresBeforeDown: row.failuresBeforeDown,
    successesBeforeUp: row.successesBeforeUp,
    downStatus: row.downStatus,
    incidentMode: row.incidentMode,
    incidentTemplateId: row.incidentTemplateId,
    incidentQuietMinutes: row.incidentQuietMinutes,
  });
}

export async function readMonitorDetail(db: Db, id: string, now = new Date()) {
  const row = await readMonitor(db, id);
  const [checks, { components, templates }, page, baseUrl, ...stats] = await Promise.all([
    recentChecks(db, id, 50),
    readMonitorFormChoices(db),
    findPage(db),
    publicBaseUrl(db),
    ...STATS_RANGES.map(({ range }) => monitorStats(db, [id], range, now).then((byMonitor) => byMonitor.get(id)!)),
  ]);
  const settings = settingsOf(row) as Partial<HttpSettings>;
  return {
    row,
    target: monitorTarget(row),
    componentName: components.find((option) => option.value === row.componentId)?.label ?? 'a deleted component',
    checks,
    stats: STATS_RANGES.map((entry, index) => ({ ...entry, ...stats[index] })),
    values: monitorValues(row),
    headerNames: Object.keys(settings.headers ?? {}),
    heartbeatUrl: row.heartbeatToken ? heartbeatUrl(baseUrl, row.heartbeatToken) : null,
    alertUrls: row.kind === 'alert' && page ? { alertmanager: `${baseUrl}/api/v1/pages/${page.id}/alerts/alertmanager`, grafana: `${baseUrl}/api/v1/pages/${page.id}/alerts/grafana` } : null,
    components,
    templates,
  };
}

/** For the new-monitor page: the choices its form offers. */
export async function readMonitorFormChoices(db: Db) {
  const [components, templates] = await Promise.all([componentOptions(db), listTemplates(db)]);
  return { components, templates: templates.map((template) => ({ value: template.id, label: template.builtIn ? `${template.title} (built in)` : template.title })) };
}
