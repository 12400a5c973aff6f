'use server';
// Monitors from the admin UI: the same verbs, and so the same schemas and permission checks, as the
// admin API. The form's fields are named as lib names them, the kind's own settings at the top level.
import { ZodError } from 'zod';
import { formChoice, formText, formValues, type FormState } from '../admin-ui/form-state.ts';
import { failureOf } from '../monitors/failures.ts';
import { createMonitor, deleteMonitor, editMonitor, readMonitor } from '../monitors/manage-monitors.ts';
import { checkNow } from '../monitors/scheduler.ts';
import type { IncidentMode, MonitorCreateInput, MonitorKind } from '../monitors/settings.ts';
import { withIssuePaths } from '../schemas/issue-messages.ts';
import { COMPONENT_STATUS_LABELS } from '../schemas/status.ts';
import { adminAction, redirectTo } from './admin-action.ts';

/** A number as typed; empty is "not given" (undefined), or `empty` where empty means none (null). */
function formNumber(form: FormData, name: string, empty?: null): number | null | undefined {
  const text = formText(form, name).trim();
  return text === '' ? empty : Number(text);
}

/** "Name: value" per line, as the form's headers box takes them. */
function formHeaders(form: FormData): Record<string, string> | undefined {
  const lines = formText(form, 'headers').split(/\r?\n/).filter((line) => line.trim());
  if (!lines.length) return undefined;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 1) throw new ZodError([{ code: 'custom', path: ['headers'], message: `must be one "Name: value" per line; "${line.trim().slice(0, 40)}" is not`, input: line }]);
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** "name=value" per line, as the alert monitor's labels box takes them. */
function formLabels(form: FormData): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const line of formText(form, 'labels').split(/\r?\n/).filter((entry) => entry.trim())) {
    const equals = line.indexOf('=');
    if (equals < 1) throw new ZodError([{ code: 'custom', path: ['labels'], message: `must be one "name=value" per line; "${line.trim().slice(0, 40)}" is not`, input: line }]);
    labels[line.slice(0, equals).trim()] = line.slice(equals + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return labels;
}

const checked = (form: FormData, name: string) => form.get(name) === 'on';

/** The monitor form's fields as the verbs take them. Headers left empty when editing keep those set. */
function monitorFields(form: FormData, kind: MonitorKind) {
  const settings =
    kind === 'http'
      ? {
          url: formText(form, 'url').trim(),
          method: formText(form, 'method'),
          headers: checked(form, 'clearHeaders') ? {} : formHeaders(form),
          body: formText(form, 'body'),
          expectedStatus: formText(form, 'expectedStatus'),
          keyword: formText(form, 'keyword'),
          keywordAbsent: checked(form, 'keywordAbsent'),
          jsonPath: formText(form, 'jsonPath'),
          jsonValue: formText(form, 'jsonValue') || null,
          followRedirects: checked(form, 'followRedirects'),
          ignoreTlsErrors: checked(form, 'ignoreTlsErrors'),
          slowMs: formNumber(form, 'slowMs', null),
          certExpiryDays: formNumber(form, 'certExpiryDays', null),
        }
      : kind === 'tcp'
        ? { host: formText(form, 'host').trim(), port: formNumber(form, 'port') }
        : kind === 'alert'
          ? { labels: formLabels(form) }
          : {};
  return {
    name: formText(form, 'name'),
    componentId: formText(form, 'componentId'),
    kind,
    settings,
    intervalSeconds: formNumber(form, 'intervalSeconds') ?? undefined,
    timeoutSeconds: formNumber(form, 'timeoutSeconds') ?? undefined,
    failuresBeforeDown: formNumber(form, 'failuresBeforeDown') ?? undefined,
    successesBeforeUp: formNumber(form, 'successesBeforeUp') ?? undefined,
    downStatus: formChoice<'partial_outage' | 'major_outage'>(form, 'downStatus', 'major_outage'),
    incidentMode: formChoice<IncidentMode>(form, 'incidentMode', 'off'),
    incidentTemplateId: formText(form, 'incidentTemplateId') || null,
    incidentQuietMinutes: formNumber(form, 'incidentQuietMinutes') ?? undefined,
  };
}

/** The verbs name a kind's settings settings.url; the form's fields are plain url. */
const asFormFields = <T>(work: () => Promise<T>) => withIssuePaths(work, (path) => (path[0] === 'settings' ? path.slice(1) : path));

export const createMonitorAction = adminAction('components.configure', async (form, { db, actor }) => {
  const kind = formChoice<MonitorKind>(form, 'kind');
  const monitor = await asFormFields(() => createMonitor(db, monitorFields(form, kind) as MonitorCreateInput, actor));
  return redirectTo(`/admin/monitors/${monitor.id}?added=1`);
});

export const editMonitorAction = adminAction('components.configure', async (form, { db, actor }) => {
  const id = formText(form, 'id');
  const { kind } = await readMonitor(db, id);
  const monitor = await asFormFields(() => editMonitor(db, id, { ...monitorFields(form, kind as MonitorKind), paused: undefined }, actor));
  return { notice: `Saved "${monitor.name}".` };
});

export const pauseMonitorAction = adminAction('components.configure', async (form, { db, actor }) => {
  const paused = formText(form, 'paused') === 'true';
  const monitor = await editMonitor(db, formText(form, 'id'), { paused }, actor);
  return { notice: paused ? `Paused "${monitor.name}": it checks nothing and changes no status until resumed.` : `Resumed "${monitor.name}": it checks again now, starting afresh.` };
});

/** "Check now": the result in words, with its timings and what it did to the component. */
export const checkNowAction = adminAction('components.configure', async (form, { db, actor }): Promise<FormState> => {
  const { result, state, decision } = await checkNow(db, formText(form, 'id'), actor);
  const failure = failureOf(result.code);
  const timings = [result.connectMs !== null && `connect ${result.connectMs} ms`, result.firstByteMs !== null && `first byte ${result.firstByteMs} ms`, `total ${result.durationMs} ms`].filter(Boolean).join(', ');
  // "Connection refused (connection refused)" says it twice.
  const detail = failure && result.detail.toLowerCase() !== failure.label.toLowerCase() ? ` (${result.detail})` : '';
  const outcome = result.ok && !failure ? `Passed: ${result.detail}` : `${result.ok ? 'Passed, but' : 'Failed:'} ${failure?.label}${detail}. ${failure?.explanation}`;
  const component =
    decision.action === 'set'
      ? ` The component is now shown as ${COMPONENT_STATUS_LABELS[decision.status].toLowerCase()}.`
      : decision.action === 'leave' && decision.reason === 'chosen_by_a_person'
        ? ' The component keeps the status a person chose.'
        : decision.action === 'leave' && decision.reason === 'maintenance'
          ? ' The component is under maintenance: the monitor leaves it alone.'
          : '';
  const text = `${outcome} Timings: ${timings}. The monitor says ${state}.${component}`;
  // A failed check is shown as a failure (red, announced), not as a form's success.
  return result.ok ? { notice: text } : { error: text, wrote: true };
});

/** Deleting asks for the name typed out: its checks go with it. */
export const deleteMonitorAction = adminAction('components.configure', async (form, { db, actor }) => {
  const monitor = await readMonitor(db, formText(form, 'id'));
  if (formText(form, 'confirm').trim() !== monitor.name) {
    return { error: `Nothing was deleted: type "${monitor.name}" to confirm.`, fieldErrors: { confirm: `Type "${monitor.name}" exactly.` }, values: formValues(form) };
  }
  await deleteMonitor(db, monitor.id, actor);
  return redirectTo('/admin/monitors?deleted=1');
});
