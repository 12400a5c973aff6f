// Ready-made first messages, so an operator can tell visitors something within a minute: three
// built in, and the operators' own, saved in the database.
import { recordAudit } from '../audit/audit-log.ts';
import { requirePermission, type Actor } from '../access/permissions.ts';
import type { Db } from '../db/client.ts';
import { AppError, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { findPage } from '../page/page-settings.ts';
import { incidentTemplateSchema, type IncidentTemplateInput } from '../schemas/incident.ts';
import type { Impact, IncidentStatus } from '../schemas/status.ts';

export interface IncidentTemplate {
  id: string;
  /** What it is called in the picker. */
  title: string;
  /** The incident title it fills in. */
  name: string;
  status: IncidentStatus;
  impact: Exclude<Impact, 'maintenance'>;
  body: string;
  /** Built in: can be copied, not changed. */
  builtIn: boolean;
}

/**
 * The built-in templates; the 502 one links visitors to the page's support address (page settings),
 * or, with none set, leaves that step out rather than point to a support nobody can find.
 */
const builtInTemplates = (supportUrl: string | null): Omit<IncidentTemplate, 'builtIn'>[] => [
  {
    id: '502-bad-gateway',
    title: '502 Bad Gateway',
    name: 'Some requests fail with "502 Bad Gateway"',
    status: 'investigating',
    impact: 'major',
    body: [
      'Some visitors see a **502 Bad Gateway** error page. It means one of our servers did not get a valid answer from the service behind it: the problem is on our side, not on your device or connection, and your data is safe.',
      '',
      'What you can do in the meantime:',
      '',
      '- Refresh the page after a few seconds; many requests already go through.',
      '- If it keeps failing, wait a few minutes and try again.',
      '- Clear your browser cache, or try another browser or device.',
      ...(supportUrl ? [`- If you still cannot get through, [contact our support](${markdownDestination(supportUrl)}).`] : []),
      '',
      'We are investigating and will post an update here as soon as we know more.',
    ].join('\n'),
  },
  {
    id: 'degraded-performance',
    title: 'Slow responses',
    name: 'Slower responses than usual',
    status: 'investigating',
    impact: 'minor',
    body: 'Some pages and API requests are slower than usual. Everything still works; we are looking into the cause and will update this page.',
  },
  {
    id: 'outage',
    title: 'Service unavailable',
    name: 'Service unavailable',
    status: 'investigating',
    impact: 'critical',
    body: 'The service is currently unavailable. We are aware of it and working on it with priority. Please check back here for updates.',
  },
];

/** An address as a markdown link destination: in <>, so parentheses and spaces cannot end it early. */
const markdownDestination = (url: string) => `<${url.replace(/[<>\s]/g, encodeURIComponent)}>`;

const BUILT_IN_IDS = new Set(builtInTemplates(null).map((template) => template.id));

/** The built-in templates, then the operators' own by title. */
export async function listTemplates(db: Db): Promise<IncidentTemplate[]> {
  const [saved, page] = await Promise.all([db.incidentTemplate.findMany({ orderBy: [{ title: 'asc' }, { createdAt: 'asc' }] }), findPage(db)]);
  return [
    ...builtInTemplates(page?.supportUrl ?? null).map((template) => ({ ...template, builtIn: true })),
    ...saved.map((row) => ({ ...row, status: row.status as IncidentStatus, impact: row.impact as IncidentTemplate['impact'], builtIn: false })),
  ];
}

export async function findTemplate(db: Db, id: string | null | undefined): Promise<IncidentTemplate | undefined> {
  if (!id) return undefined;
  return (await listTemplates(db)).find((template) => template.id === id);
}

/** Adds a template, or (with `id`) changes one of the operators' own; built-in ones cannot change. */
export async function saveTemplate(db: Db, id: string | undefined, input: IncidentTemplateInput, actor: Actor) {
  requirePermission(actor, 'incidents.write');
  const data = incidentTemplateSchema.parse(input);
  if (id && BUILT_IN_IDS.has(id)) throw new AppError('built_in', 'Built-in templates cannot be changed; copy one to make your own.');
  return db.$transaction(async (tx) => {
    const existing = id ? await tx.incidentTemplate.findUnique({ where: { id } }) : null;
    if (id && !existing) throw notFound('template', id);
    const saved = existing ? await tx.incidentTemplate.update({ where: { id: existing.id }, data }) : await tx.incidentTemplate.create({ data: { id: newId(), ...data } });
    await recordAudit(tx, actor, {
      action: existing ? 'incident_template.update' : 'incident_template.create',
      targetType: 'incident_template',
      targetId: saved.id,
      summary: `${existing ? 'Edited' : 'Added'} the incident template "${saved.title}"`,
    });
    return saved;
  });
}

export async function deleteTemplate(db: Db, id: string, actor: Actor) {
  requirePermission(actor, 'incidents.write');
  await db.$transaction(async (tx) => {
    const existing = await tx.incidentTemplate.findUnique({ where: { id } });
    if (!existing) throw notFound('template', id);
    await tx.incidentTemplate.delete({ where: { id } });
    await recordAudit(tx, actor, { action: 'incident_template.delete', targetType: 'incident_template', targetId: id, summary: `Deleted the incident template "${existing.title}"` });
  });
}
