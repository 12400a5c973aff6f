// What subscribers' emails say: subjects, the text and HTML parts, and that nothing an operator or a
// visitor wrote reaches the HTML unescaped or unsanitized.
import { describe, expect, it } from 'vitest';
import { renderEmail, type EmailInput } from '@/lib/notifications/email';
import { smtpErrorInWords } from '@/lib/notifications/smtp';

const page = { name: 'Acme Status', url: 'https://status.acme.com', accentColor: null };
const links = { manage: 'https://status.acme.com/subscriptions/tok123', unsubscribe: 'https://status.acme.com/unsubscribe/tok123' };

function incident(overrides: Record<string, unknown> = {}, body = 'We found the cause: a **bad deploy**.\n\nRolling back; see [the changelog](https://acme.com/changelog).') {
  return {
    id: 'inc1',
    name: 'API errors',
    status: 'identified',
    impact: 'major',
    shortlink: 'https://status.acme.com/incidents/inc1',
    scheduled_for: null,
    scheduled_until: null,
    incident_updates: [
      { status: 'identified', body, display_at: '2026-12-01T02:10:00Z', created_at: '2026-12-01T02:10:00Z' },
      { status: 'investigating', body: 'Looking into it.', display_at: '2026-12-01T02:00:00Z', created_at: '2026-12-01T02:00:00Z' },
    ],
    components: [
      { id: 'c1', name: 'API', status: 'partial_outage' },
      { id: 'c2', name: 'Website', status: 'degraded_performance' },
    ],
    ...overrides,
  };
}
const render = (input: Partial<EmailInput> & Pick<EmailInput, 'kind' | 'payload'>) => renderEmail({ page, recipient: 'ann@example.com', links, ...input });
const maintenance = (overrides: Record<string, unknown> = {}) =>
  incident({ name: 'Database upgrade', status: 'scheduled', impact: 'maintenance', scheduled_for: '2026-12-05T02:00:00Z', scheduled_until: '2026-12-05T04:00:00Z', ...overrides }, 'Writes pause for up to 5 minutes.');

/** The HTML without its tags: what a reader sees. */
const visible = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('an incident update email', () => {
  it('says the page, the status in words and the incident’s name in its subject', async () => {
    expect((await render({ kind: 'incident_update', payload: { incident: incident({ status: 'investigating' }) } })).subject).toBe('[Acme Status] Investigating: API errors');
    expect((await render({ kind: 'incident_update', payload: { incident: incident({ status: 'resolved' }) } })).subject).toBe('[Acme Status] Resolved: API errors');
    expect((await render({ kind: 'incident_update', payload: { incident: maintenance({ status: 'in_progress' }) } })).subject).toBe('[Acme Status] Maintenance in progress: Database upgrade');
  });

  it('has in its text part the status, impact, components, the latest message with its links, and the incident’s and the page’s links', async () => {
    const { text } = await render({ kind: 'incident_update', payload: { incident: incident() } });
    expect(text.startsWith('API errors\nStatus: Identified\nImpact: Major\nAffected: API (Partial outage), Website (Degraded performance)\n\n')).toBe(true);
    expect(text).toContain('We found the cause: a bad deploy.\n\nRolling back; see the changelog (https://acme.com/changelog).');
    expect(text).toContain('Posted Dec 1, 2026, 02:10 UTC');
    expect(text).not.toContain('Looking into it.');
    expect(text).toContain('View the incident: https://status.acme.com/incidents/inc1');
    expect(text).toContain('Acme Status: https://status.acme.com\n');
    expect(text).toContain(`Manage your subscription: ${links.manage}\nUnsubscribe: ${links.unsubscribe}`);
  });

  it('has the same in its HTML part, with the footer’s links', async () => {
    const { html } = await render({ kind: 'incident_update', payload: { incident: incident() } });
    expect(visible(html)).toContain('Identified API errors Impact Major Affected API (Partial outage), Website (Degraded performance)');
    expect(html).toContain('<strong>bad deploy</strong>');
    expect(html).toMatch(/<a href="https:\/\/acme\.com\/changelog"[^>]*>the changelog<\/a>/);
    expect(html).toContain('href="https://status.acme.com/incidents/inc1"');
    expect(html).toContain('href="https://status.acme.com"');
    expect(html).toMatch(new RegExp(`<a href="${links.manage}"[^>]*>Manage your subscription</a>`));
    expect(html).toMatch(new RegExp(`<a href="${links.unsubscribe}"[^>]*>Unsubscribe</a>`));
  });

  it('links to the incident on the page when the body has no shortlink', async () => {
    const { text } = await render({ kind: 'incident_update', payload: { incident: incident({ shortlink: undefined }) } });
    expect(text).toContain('View the incident: https://status.acme.com/incidents/inc1');
  });

  it('never lets a script or a javascript: link from an update’s Markdown into the HTML', async () => {
    const body = 'Hi <script>alert(1)</script> <img src=x onerror=alert(2)>\n\n[click](javascript:alert(3)) <a href="javascript:alert(4)" onclick="alert(5)">here</a> <iframe src="https://evil.example"></iframe>';
    const { html, text } = await render({ kind: 'incident_update', payload: { incident: incident({}, body) } });
    expect(html).not.toMatch(/<script|javascript:|onerror|onclick|<iframe|<img|alert\(/i);
    expect(visible(html)).toContain('click');
    expect(text).not.toMatch(/<script|javascript:/);
  });

  it('escapes what operators and visitors wrote everywhere else: names, components, the page’s name', async () => {
    const { html, subject } = await render({
      kind: 'incident_update',
      payload: { incident: incident({ name: '<img src=x onerror=alert(1)> & "quotes"', components: [{ name: '<b>API</b>', status: 'major_outage' }] }) },
      page: { ...page, name: 'Acme <script>x</script>', accentColor: 'red;background:url(https://evil.example/x)' },
    });
    // A subject is plain text: the mail library encodes it, nothing reads it as HTML.
    expect(subject).toBe('[Acme <script>x</script>] Identified: <img src=x onerror=alert(1)> & "quotes"');
    expect(html).not.toMatch(/<img|<script|<b>API|evil\.example/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;');
    expect(html).toContain('&lt;b&gt;API&lt;/b&gt;');
  });

  it('is self-contained HTML mail clients take: inline styles, tables, 600px at most, nothing fetched', async () => {
    const { html } = await render({ kind: 'incident_update', payload: { incident: incident() } });
    expect(html.startsWith('<!DOCTYPE html><html lang="en">')).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
    expect(html).toContain('role="presentation"');
    expect(html).toContain('max-width:600px');
    expect(html).not.toMatch(/<link|<style|<img|src=|@import|url\(/i);
  });

  it('uses the page’s accent colour for its button, and the page’s ink without one', async () => {
    const accented = await render({ kind: 'incident_update', payload: { incident: incident() }, page: { ...page, accentColor: '#7C3AED' } });
    expect(accented.html).toContain('background-color:#7c3aed');
    expect((await render({ kind: 'incident_update', payload: { incident: incident() } })).html).toContain('background-color:#0f172a');
  });
});

describe('a maintenance reminder', () => {
  it('says it starts in about an hour, and its window in UTC', async () => {
    const { subject, text, html } = await render({ kind: 'maintenance_reminder', payload: { incident: maintenance() } });
    expect(subject).toBe('[Acme Status] Scheduled maintenance starts soon: Database upgrade');
    expect(text).toContain('Database upgrade\nStatus: Maintenance scheduled\n\nThis scheduled maintenance starts in about an hour.\n\nWhen: Dec 5, 2026, 02:00 – 04:00 UTC');
    expect(text).toContain('Writes pause for up to 5 minutes.');
    expect(text).toContain('View the maintenance: https://status.acme.com/incidents/inc1');
    expect(visible(html)).toContain('This scheduled maintenance starts in about an hour. When Dec 5, 2026, 02:00 – 04:00 UTC');
  });

  it('gives both days of a window across midnight', async () => {
    const { text } = await render({ kind: 'maintenance_reminder', payload: { incident: maintenance({ scheduled_for: '2026-12-05T23:00:00Z', scheduled_until: '2026-12-06T01:00:00Z' }) } });
    expect(text).toContain('When: Dec 5, 2026, 23:00 UTC – Dec 6, 2026, 01:00 UTC');
  });
});

describe('a component status email', () => {
  it('names the component and its new and old status', async () => {
    const payload = { component: { id: 'c1', name: 'API' }, component_update: { old_status: 'operational', new_status: 'major_outage', created_at: '2026-12-01T02:00:00Z' } };
    const { subject, text } = await render({ kind: 'component_update', payload });
    expect(subject).toBe('[Acme Status] API: Major outage');
    expect(text).toContain('API\nStatus: Major outage\n\nAPI changed from operational to major outage.\n\nChanged: Dec 1, 2026, 02:00 UTC');
    expect(text).toContain('View Acme Status: https://status.acme.com');
  });
});

describe('a confirmation email', () => {
  const payload = { confirm_url: 'https://status.acme.com/subscribe/confirm/abc', expires_at: '2026-12-03T02:00:00Z', components: ['API', 'Website'] };

  it('asks to confirm with one link, says until when, what was chosen, and that ignoring it sends nothing', async () => {
    const { subject, text, html } = await render({ kind: 'confirmation', payload, links: null });
    expect(subject).toBe('Confirm your subscription to Acme Status');
    expect(text).toContain('Please confirm that you want status updates from Acme Status sent to ann@example.com.');
    expect(text).toContain('Updates about: API and Website');
    expect(text).toContain('Confirm your subscription: https://status.acme.com/subscribe/confirm/abc');
    expect(text).toContain('This link works until Dec 3, 2026, 02:00 UTC.');
    expect(text).toContain('If you did not ask for this, ignore it: nothing will be sent.');
    expect(html).toMatch(/<a href="https:\/\/status\.acme\.com\/subscribe\/confirm\/abc"[^>]*>Confirm your subscription<\/a>/);
    expect(visible(html)).toContain('If you did not ask for this, ignore it: nothing will be sent.');
    // Not subscribed yet: nothing to manage or leave.
    expect(text).not.toMatch(/Unsubscribe|Manage your subscription/);
    expect(html).not.toMatch(/Unsubscribe|Manage your subscription/);
  });

  it('says all components when none were chosen, and the whole page only when every one chosen was deleted since', async () => {
    expect((await render({ kind: 'confirmation', payload: { ...payload, components: null }, links: null })).text).toContain('Updates about: All components');
    expect((await render({ kind: 'confirmation', payload: { ...payload, components: [] }, links: null })).text).toContain('Updates about: Incidents about the whole page (the components chosen were removed)');
  });
});

describe('a manage link email', () => {
  it('says the address is already subscribed and links to its subscription', async () => {
    const { subject, text, html } = await render({ kind: 'manage_link', payload: { manage_url: links.manage, components: null } });
    expect(subject).toBe('You are already subscribed to Acme Status');
    expect(text).toContain('You are already subscribed\n\nann@example.com already receives status updates from Acme Status, so nothing changed.');
    expect(text).toContain(`Manage your subscription: ${links.manage}`);
    expect(html).toMatch(new RegExp(`<a href="${links.manage}"[^>]*>Manage your subscription</a>`));
  });
});

describe('a failed send in words', () => {
  const words = (error: object) => smtpErrorInWords(error, 'mail.example.com:587', 'ann@example.com', 30_000);

  it('quotes the mail server', () => {
    expect(words({ code: 'EMESSAGE', responseCode: 451, response: '451 4.3.0 Mailbox temporarily unavailable', command: 'DATA' })).toBe('the mail server said 451 4.3.0 Mailbox temporarily unavailable');
    expect(words({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 No such user', command: 'RCPT TO' })).toBe('the mail server refused ann@example.com: it said 550 5.1.1 No such user');
    expect(words({ code: 'EMESSAGE', responseCode: 554, response: '554 5.7.1 Spam', command: 'DATA' })).toBe('the mail server refused the message: it said 554 5.7.1 Spam');
    expect(words({ code: 'EAUTH', responseCode: 535, response: '535 5.7.8 Bad credentials', command: 'AUTH PLAIN' })).toBe(
      'the mail server at mail.example.com:587 did not accept the user name and password in SMTP_URL: it said 535 5.7.8 Bad credentials',
    );
  });

  it('says why the server could not be reached', () => {
    expect(words({ code: 'ESOCKET', message: 'connect ECONNREFUSED 10.0.0.1:587' })).toBe('could not reach the mail server at mail.example.com:587: connection refused');
    expect(words({ code: 'EDNS', message: 'getaddrinfo ENOTFOUND mail.example.com' })).toBe('could not reach the mail server at mail.example.com:587: the host name does not resolve');
    expect(words({ code: 'ETIMEDOUT', message: 'Greeting never received' })).toBe('no answer from the mail server at mail.example.com:587 within 30 s');
  });
});
