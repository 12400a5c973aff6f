// What an email to a subscriber says: from a notification's kind and payload, its subject, a plain
// text part and an HTML part (email-html.tsx), both written to be read on a phone. Pure: the caller
// gives the page and the subscriber's own links. Times are in UTC: the subscriber's zone is unknown.
import { markdownToLines } from '../markdown.ts';
import { componentStatusLabel, IMPACT_LABELS, isClosedStatus, updateStatusLabel, type Impact } from '../schemas/status.ts';
import { formatDateTime, formatTimeSpan } from '../time.ts';
import { listInWords } from '../words.ts';
import { renderEmailHtml } from './email-html.tsx';
import type { ConfirmationPayload, ManageLinkPayload } from './payloads.ts';
import type { NotificationKind } from './subscribers.ts';

export interface EmailPage {
  name: string;
  /** Without a trailing slash. */
  url: string;
  accentColor: string | null;
}

/** A subscriber's own links: in every notification's footer and List-Unsubscribe, never in a confirmation. */
export interface SubscriberLinks {
  manage: string;
  unsubscribe: string;
}

export interface EmailInput {
  kind: NotificationKind;
  /** The notification's payload, parsed. */
  payload: unknown;
  page: EmailPage;
  recipient: string;
  /** Null for a confirmation: the address is not subscribed yet. */
  links: SubscriberLinks | null;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** What a message says, before it is written as text or as HTML. */
export interface EmailContent {
  subject: string;
  /** The line an inbox shows after the subject. */
  preview: string;
  /** The status in words, with its colour in HTML ("Status: …" in text). */
  status: { label: string; color: string } | null;
  heading: string;
  intro: string[];
  facts: { label: string; value: string }[];
  /** The operator's latest message (Markdown) and when it was posted. */
  message: { markdown: string; postedAt: string } | null;
  action: { label: string; url: string; showUrl?: boolean };
  /** Small print under the button. */
  notes: string[];
  footer: { reason: string; links: SubscriberLinks | null };
}

/** The status colours of the public page (app/globals.css, light), each readable under white text. */
const STATUS_COLORS = { ok: '#15803d', degraded: '#a16207', partial: '#c2410c', major: '#dc2626', maintenance: '#2563eb', neutral: '#475569' } as const;

const COMPONENT_COLORS: Record<string, string> = {
  operational: STATUS_COLORS.ok,
  degraded_performance: STATUS_COLORS.degraded,
  partial_outage: STATUS_COLORS.partial,
  major_outage: STATUS_COLORS.major,
  under_maintenance: STATUS_COLORS.maintenance,
};
const IMPACT_COLORS: Record<Impact, string> = {
  none: STATUS_COLORS.neutral,
  minor: STATUS_COLORS.degraded,
  major: STATUS_COLORS.partial,
  critical: STATUS_COLORS.major,
  maintenance: STATUS_COLORS.maintenance,
};
/** A maintenance's status said as one: "Maintenance in progress" rather than "In progress". */
const MAINTENANCE_STATUS_WORDS: Record<string, string> = {
  scheduled: 'Maintenance scheduled',
  in_progress: 'Maintenance in progress',
  verifying: 'Maintenance being verified',
  completed: 'Maintenance completed',
};

/** The fields of Statuspage's incident body (payloads.ts) an email uses. */
interface IncidentFields {
  id: string;
  name: string;
  status: string;
  impact: Impact;
  shortlink?: string;
  scheduled_for?: string | null;
  scheduled_until?: string | null;
  incident_updates: { status: string; body: string; display_at?: string; created_at: string }[];
  components: { name: string; status: string }[];
}

interface ComponentFields {
  component: { id: string; name: string };
  component_update: { old_status: string; new_status: string; created_at: string };
}

const inUtc = (date: string) => formatDateTime(date, 'UTC');
const subscriberReason = (page: EmailPage) => `You receive this because you subscribed to status updates from ${page.name}.`;
const chosenComponents = (names: string[] | null) => ({
  label: 'Updates about',
  value: !names ? 'All components' : names.length ? listInWords(names) : 'Incidents about the whole page (the components chosen were removed)',
});

/** Whether an incident body is a maintenance's. */
const isMaintenance = (incident: Pick<IncidentFields, 'impact' | 'scheduled_for'>) => incident.impact === 'maintenance' || Boolean(incident.scheduled_for);

function incidentContent(incident: IncidentFields, input: EmailInput, { reminder }: { reminder: boolean }): EmailContent {
  const { page } = input;
  const maintenance = isMaintenance(incident);
  const latest = incident.incident_updates[0];
  const statusWords = maintenance ? (MAINTENANCE_STATUS_WORDS[incident.status] ?? updateStatusLabel(incident.status)) : updateStatusLabel(incident.status);
  const color = isClosedStatus(incident.status) ? STATUS_COLORS.ok : maintenance ? STATUS_COLORS.maintenance : IMPACT_COLORS[incident.impact] ?? STATUS_COLORS.neutral;
  const facts: EmailContent['facts'] = [];
  if (maintenance && incident.scheduled_for) {
    facts.push({ label: 'When', value: incident.scheduled_until ? formatTimeSpan(incident.scheduled_for, incident.scheduled_until, 'UTC') : `From ${inUtc(incident.scheduled_for)}` });
  }
  if (!maintenance && !isClosedStatus(incident.status) && incident.impact !== 'none') facts.push({ label: 'Impact', value: IMPACT_LABELS[incident.impact] ?? incident.impact });
  if (incident.components.length) facts.push({ label: 'Affected', value: incident.components.map((component) => `${component.name} (${componentStatusLabel(component.status)})`).join(', ') });
  const message = latest?.body.trim() ? { markdown: latest.body, postedAt: inUtc(latest.display_at ?? latest.created_at) } : null;
  const intro = reminder ? ['This scheduled maintenance starts in about an hour.'] : [];
  return {
    subject: reminder ? `[${page.name}] Scheduled maintenance starts soon: ${incident.name}` : `[${page.name}] ${statusWords}: ${incident.name}`,
    preview: intro[0] ?? (message ? markdownToLines(message.markdown).replace(/\s+/g, ' ').slice(0, 140) : statusWords),
    status: { label: statusWords, color },
    heading: incident.name,
    intro,
    facts,
    message,
    action: { label: maintenance ? 'View the maintenance' : 'View the incident', url: incident.shortlink || `${page.url}/incidents/${incident.id}` },
    notes: [],
    footer: { reason: subscriberReason(page), links: input.links },
  };
}

function componentContent({ component, component_update: change }: ComponentFields, input: EmailInput): EmailContent {
  const now = componentStatusLabel(change.new_status);
  const sentence = `${component.name} changed from ${componentStatusLabel(change.old_status).toLowerCase()} to ${now.toLowerCase()}.`;
  return {
    subject: `[${input.page.name}] ${component.name}: ${now}`,
    preview: sentence,
    status: { label: now, color: COMPONENT_COLORS[change.new_status] ?? STATUS_COLORS.neutral },
    heading: component.name,
    intro: [sentence],
    facts: [{ label: 'Changed', value: inUtc(change.created_at) }],
    message: null,
    action: { label: `View ${input.page.name}`, url: input.page.url },
    notes: [],
    footer: { reason: subscriberReason(input.page), links: input.links },
  };
}

function confirmationContent(payload: ConfirmationPayload, { page, recipient }: EmailInput): EmailContent {
  const intro = `Please confirm that you want status updates from ${page.name} sent to ${recipient}.`;
  return {
    subject: `Confirm your subscription to ${page.name}`,
    preview: intro,
    status: null,
    heading: 'Confirm your subscription',
    intro: [intro],
    facts: [chosenComponents(payload.components)],
    message: null,
    action: { label: 'Confirm your subscription', url: payload.confirm_url, showUrl: true },
    notes: [`This link works until ${inUtc(payload.expires_at)}.`, 'If you did not ask for this, ignore it: nothing will be sent.'],
    footer: { reason: `This email was sent because ${recipient} was entered to subscribe to ${page.name}.`, links: null },
  };
}

function manageLinkContent(payload: ManageLinkPayload, input: EmailInput): EmailContent {
  const { page, recipient } = input;
  const intro = `${recipient} already receives status updates from ${page.name}, so nothing changed.`;
  return {
    subject: `You are already subscribed to ${page.name}`,
    preview: intro,
    status: null,
    heading: 'You are already subscribed',
    intro: [intro, 'To choose other components or to unsubscribe, manage your subscription.'],
    facts: [chosenComponents(payload.components)],
    message: null,
    action: { label: 'Manage your subscription', url: payload.manage_url, showUrl: true },
    notes: ['If you did not ask for this, ignore it: nothing changes.'],
    footer: { reason: subscriberReason(page), links: input.links },
  };
}

/** What the email about this notification says. */
export function emailContent(input: EmailInput): EmailContent {
  switch (input.kind) {
    case 'incident_update':
      return incidentContent((input.payload as { incident: IncidentFields }).incident, input, { reminder: false });
    case 'maintenance_reminder':
      return incidentContent((input.payload as { incident: IncidentFields }).incident, input, { reminder: true });
    // The second is sent to webhooks only (subscribers.ts), but an email of it would read the same.
    case 'component_update':
    case 'incident_component_update':
      return componentContent(input.payload as ComponentFields, input);
    case 'confirmation':
      return confirmationContent(input.payload as ConfirmationPayload, input);
    case 'manage_link':
      return manageLinkContent(input.payload as ManageLinkPayload, input);
  }
}

/** The plain-text part: the same things as the HTML, top to bottom, every link written out. */
export function emailText(content: EmailContent, page: EmailPage): string {
  const blocks: string[] = [];
  const head = [content.heading, ...(content.status ? [`Status: ${content.status.label}`] : [])];
  const facts = content.facts.map((fact) => `${fact.label}: ${fact.value}`);
  // The facts under the heading, as in the HTML; after the intro when there is one.
  if (content.intro.length) blocks.push(head.join('\n'), ...content.intro, facts.join('\n'));
  else blocks.push([...head, ...facts].join('\n'));
  if (content.message) blocks.push(markdownToLines(content.message.markdown), `Posted ${content.message.postedAt}`);
  blocks.push(`${content.action.label}: ${content.action.url}`, ...content.notes);
  const footer = [`${content.footer.reason}`, `${page.name}: ${page.url}`];
  if (content.footer.links) footer.push(`Manage your subscription: ${content.footer.links.manage}`, `Unsubscribe: ${content.footer.links.unsubscribe}`);
  // "-- " (with its space) marks a signature: mail clients fold or dim what follows.
  return `${blocks.filter(Boolean).join('\n\n')}\n\n-- \n${footer.join('\n')}\n`;
}

/** The email about a notification: its subject, text and HTML. */
export async function renderEmail(input: EmailInput): Promise<RenderedEmail> {
  const content = emailContent(input);
  return { subject: content.subject, text: emailText(content, input.page), html: await renderEmailHtml(content, input.page) };
}
