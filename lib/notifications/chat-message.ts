// What a chat channel is told, before any service's format: one message per notification, built from
// its kind and payload (payloads.ts) and the page. chat-formats.ts writes it as Slack, Discord or
// Teams want it.
import { markdownToLines } from '../markdown.ts';
import { componentStatusLabel, IMPACT_LABELS, isClosedStatus, maintenanceStatusSchema, updateStatusLabel, type Impact } from '../schemas/status.ts';
import { formatDateTime } from '../time.ts';
import { listInWords } from '../words.ts';
import type { ManageLinkPayload } from './payloads.ts';

/** The page a message comes from: its name, public address (no trailing slash) and time zone. */
export interface ChatPage {
  name: string;
  url: string;
  timeZone: string;
}

/** What colours a message: an incident's impact, a component's state, or good news. */
export type ChatTone = 'critical' | 'major' | 'minor' | 'none' | 'maintenance' | 'good';

export interface ChatMessage {
  /** One line, for notifications and previews: "Investigating: Slow API". */
  summary: string;
  title: string;
  /** Where the title and the button lead: the incident, the page, the subscription. */
  link: { label: string; url: string };
  facts: { label: string; value: string }[];
  /** The message itself in plain-text lines; null when the facts say it all. */
  text: string | null;
  /** When it happened (ISO); null for none. */
  at: string | null;
  tone: ChatTone;
  page: { name: string; url: string };
  /** The last link of every message: unsubscribe, or, in the welcome, manage the subscription. */
  leave: { label: string; url: string };
}

interface IncidentUpdateJson {
  status: string;
  body: string;
  created_at: string;
  display_at: string | null;
}

interface IncidentJson {
  id: string;
  name: string;
  status: string;
  impact: string;
  shortlink?: string;
  scheduled_for?: string | null;
  scheduled_until?: string | null;
  incident_updates: IncidentUpdateJson[];
  components: { name: string; status: string }[];
}

interface ComponentChangeJson {
  component: { name: string };
  component_update: { old_status: string; new_status: string; created_at: string };
}

const COMPONENT_TONES: Record<string, ChatTone> = {
  operational: 'good',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
  under_maintenance: 'maintenance',
};

const isMaintenance = (incident: IncidentJson) => incident.impact === 'maintenance' || maintenanceStatusSchema.safeParse(incident.status).success;

function incidentTone(incident: IncidentJson): ChatTone {
  if (isClosedStatus(incident.status)) return 'good';
  if (isMaintenance(incident)) return 'maintenance';
  return (['critical', 'major', 'minor'] as string[]).includes(incident.impact) ? (incident.impact as ChatTone) : 'none';
}

/**
 * The message for one notification to one channel. `unsubscribeUrl` is that channel's own link.
 * A maintenance reminder is the maintenance's incident body, announced as coming up. Null for a kind
 * no channel is sent (a confirmation: only email addresses confirm).
 */
export function chatMessage(kind: string, payload: unknown, page: ChatPage, unsubscribeUrl: string): ChatMessage | null {
  const common = { page: { name: page.name, url: page.url }, leave: { label: 'Unsubscribe', url: unsubscribeUrl } };
  if (kind === 'incident_update' || kind === 'maintenance_reminder') {
    return { ...common, ...incidentMessage((payload as { incident: IncidentJson }).incident, page, kind === 'maintenance_reminder') };
  }
  if (kind === 'component_update' || kind === 'incident_component_update') return { ...common, ...componentMessage(payload as ComponentChangeJson, page) };
  if (kind === 'manage_link') return welcomeMessage(payload as ManageLinkPayload, page);
  return null;
}

function incidentMessage(incident: IncidentJson, page: ChatPage, reminder: boolean) {
  const latest = incident.incident_updates[0];
  const maintenance = isMaintenance(incident);
  const status = updateStatusLabel(latest?.status ?? incident.status);
  const when = (iso: string) => formatDateTime(iso, page.timeZone);
  const facts = [{ label: 'Status', value: status }];
  if (maintenance && incident.scheduled_for) {
    facts.push({ label: 'Scheduled', value: incident.scheduled_until ? `${when(incident.scheduled_for)} to ${when(incident.scheduled_until)}` : when(incident.scheduled_for) });
  } else if (!maintenance) {
    facts.push({ label: 'Impact', value: IMPACT_LABELS[incident.impact as Impact] ?? incident.impact });
  }
  if (incident.components.length) {
    facts.push({ label: 'Components', value: incident.components.map((component) => `${component.name} (${componentStatusLabel(component.status)})`).join(', ') });
  }
  const startsAt = reminder && incident.scheduled_for ? when(incident.scheduled_for) : null;
  const starts = startsAt && `Starts ${startsAt}`;
  return {
    summary: reminder ? `Maintenance coming up: ${incident.name}${startsAt ? `, starting ${startsAt}` : ''}` : `${status}: ${incident.name}`,
    title: reminder ? `Coming up: ${incident.name}` : incident.name,
    link: { label: maintenance ? 'View maintenance' : 'View incident', url: incident.shortlink ?? `${page.url}/incidents/${incident.id}` },
    facts,
    text: [starts && `${starts}.`, latest ? markdownToLines(latest.body) : null].filter(Boolean).join('\n\n') || null,
    at: latest ? (latest.display_at ?? latest.created_at) : null,
    tone: reminder ? ('maintenance' as const) : incidentTone(incident),
  };
}

function componentMessage({ component, component_update: change }: ComponentChangeJson, page: ChatPage) {
  const now = componentStatusLabel(change.new_status);
  return {
    summary: `${component.name}: ${now} (was ${componentStatusLabel(change.old_status).toLowerCase()})`,
    title: `${component.name}: ${now}`,
    link: { label: 'View status page', url: page.url },
    facts: [
      { label: 'Status', value: now },
      { label: 'Before', value: componentStatusLabel(change.old_status) },
    ],
    text: null,
    at: change.created_at,
    tone: COMPONENT_TONES[change.new_status] ?? 'none',
  };
}

/** Sent once, when a channel is subscribed from the public page: what it will receive, and how to stop it. */
function welcomeMessage(payload: ManageLinkPayload, page: ChatPage): ChatMessage {
  const about = payload.components?.length ? ` about ${listInWords(payload.components)}` : '';
  const sentence = `This channel now receives status updates from ${page.name}${about}.`;
  return {
    summary: sentence,
    title: `Status updates from ${page.name}`,
    link: { label: 'View status page', url: page.url },
    facts: [],
    text: `${sentence}\nManage or unsubscribe: ${payload.manage_url}`,
    at: null,
    tone: 'none',
    page: { name: page.name, url: page.url },
    leave: { label: 'Manage or unsubscribe', url: payload.manage_url },
  };
}
