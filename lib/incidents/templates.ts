import type { Impact, IncidentStatus } from '../schemas/status.ts';

/** Ready-made first messages, so an operator can tell visitors something within a minute. */
export interface IncidentTemplate {
  id: string;
  title: string;
  name: string;
  status: IncidentStatus;
  impact: Exclude<Impact, 'maintenance'>;
  body: string;
}

export const INCIDENT_TEMPLATES: IncidentTemplate[] = [
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
      '- If you still cannot get through, contact our support.',
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

export function findTemplate(id: string | null | undefined): IncidentTemplate | undefined {
  return INCIDENT_TEMPLATES.find((template) => template.id === id);
}
