// The proxy's error pages as rendered from a snapshot: what they say of the status (a deploy before
// planned work before an incident), escaping, size, the policy that lets only their own style and
// script run, and HAProxy's raw response.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorPageStatus, MAX_RAW_RESPONSE_BYTES, rawHttpResponse, renderErrorPage } from '@/lib/error-pages/error-page';
import { MAX_LOGO_BYTES } from '@/lib/error-pages/inline-logo';
import { ERROR_PAGE_SCRIPT } from '@/lib/error-pages/live-update';
import { proxySetupFrom } from '@/lib/error-pages/proxy-config';
import type { SnapshotIncident } from '@/lib/status/snapshot-types';
import { fixtureSnapshot } from '../helpers/snapshot';

function incident(fields: Partial<SnapshotIncident> & Pick<SnapshotIncident, 'id' | 'name' | 'status'>): SnapshotIncident {
  return {
    kind: 'incident',
    impact: 'major',
    createdAt: '2026-12-07T10:00:00.000Z',
    updatedAt: '2026-12-07T10:00:00.000Z',
    startedAt: '2026-12-07T10:00:00.000Z',
    monitoringAt: null,
    resolvedAt: null,
    scheduledFor: null,
    scheduledUntil: null,
    cancelledAt: null,
    deploy: false,
    componentIds: [],
    postmortemHtml: null,
    updates: [
      {
        id: `${fields.id}-u`,
        status: fields.status,
        body: 'We see **errors** on checkout.',
        bodyHtml: '',
        displayAt: '2026-12-07T10:05:00.000Z',
        createdAt: '2026-12-07T10:05:00.000Z',
        updatedAt: '2026-12-07T10:05:00.000Z',
        deliverNotifications: true,
        affectedComponents: null,
      },
    ],
    ...fields,
  };
}

const outage = incident({ id: 'i1', name: 'Checkout errors', status: 'identified' });
const window = incident({ id: 'm1', kind: 'maintenance', name: 'Database upgrade', status: 'in_progress', impact: 'maintenance', scheduledUntil: '2026-12-07T12:00:00.000Z' });
const deploy = { ...window, id: 'd1', name: 'Deploy v1.4', deploy: true, scheduledUntil: '2026-12-07T10:15:00.000Z' };

describe('what the error pages say of the status', () => {
  it('puts a deploy first, then planned work, then a known incident, then the overall status', () => {
    const snapshot = (incidents: SnapshotIncident[], maintenances: SnapshotIncident[]) => ({ ...fixtureSnapshot({ indicator: 'major' }), incidents, maintenances });
    expect(errorPageStatus(snapshot([outage], [window, deploy]))).toMatchObject({
      tone: 'deploy',
      headline: 'A deploy is in progress: Deploy v1.4. It should be over by Dec 7, 2026, 10:15 UTC.',
      // Each with its latest update: a new one on the same incident is news too.
      fingerprint: 'd1:in_progress:m1-u,i1:identified:i1-u,m1:in_progress:m1-u',
    });
    expect(errorPageStatus(snapshot([outage], [window]))).toMatchObject({
      tone: 'maintenance',
      headline: 'Planned maintenance is in progress: Database upgrade, planned to end by Dec 7, 2026, 12:00 UTC.',
      detail: 'In progress at Dec 7, 2026, 10:05 UTC: We see errors on checkout.',
    });
    expect(errorPageStatus(snapshot([outage, { ...outage, id: 'i2' }], []))).toMatchObject({ tone: 'major', headline: 'The team knows about it: Checkout errors (and 1 more).' });
    // Resolved incidents and finished windows are history, not news.
    const quiet = { ...fixtureSnapshot(), incidents: [{ ...outage, status: 'resolved' as const }], maintenances: [{ ...deploy, status: 'completed' as const }] };
    expect(errorPageStatus(quiet)).toEqual({
      tone: 'none',
      headline: 'The status page shows all systems operational.',
      detail: 'The team may not know about this problem yet: if it goes on, tell them.',
      fingerprint: '',
    });
  });
});

describe('the error page', () => {
  it('reads an update as sentences, a list’s items included', () => {
    const listed = incident({ id: 'i1', name: 'Checkout errors', status: 'identified' });
    listed.updates[0].body = 'We are rolling back.\n\n- Requests that failed can be retried safely\n- No data was lost';
    expect(errorPageStatus({ ...fixtureSnapshot(), incidents: [listed] }).detail).toBe(
      'Identified at Dec 7, 2026, 10:05 UTC: We are rolling back. Requests that failed can be retried safely. No data was lost.',
    );
  });

  it('escapes what operators wrote and lets only its own style and script run', () => {
    const snapshot = { ...fixtureSnapshot(), incidents: [incident({ id: 'i1', name: '<img src=x onerror=alert(1)> & "quotes"', status: 'investigating' })] };
    const { html, policy } = renderErrorPage(snapshot, 502, null);
    expect(html).toContain('The team knows about it: &lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;.');
    expect(html).not.toContain('<img src=x');
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(policy).toBe(
      `default-src 'none'; style-src ${hash(style)}; script-src ${hash(ERROR_PAGE_SCRIPT)}; img-src data:; connect-src https://status.example.com; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    expect(html).toContain(`<script>${ERROR_PAGE_SCRIPT}</script>`);
    expect(html).toContain('data-summary="https://status.example.com/api/v2/summary.json"');
    expect(html).toContain('<title>502 Bad Gateway · Example</title>');
  });

  it('stays within HAProxy’s buffer whatever the operator wrote: the logo goes first, then long texts are cut', async () => {
    const worst = '&😀'.repeat(2000);
    const long = incident({ id: 'i1', name: worst.slice(0, 255), status: 'investigating' });
    long.updates[0].body = worst;
    const page = { ...fixtureSnapshot().page, name: worst.slice(0, 100), supportUrl: `https://example.com/support?${'a=1&'.repeat(500)}` };
    const snapshot = { ...fixtureSnapshot(), page, incidents: [long, long, long] };
    const logo = `data:image/png;base64,${Buffer.alloc(MAX_LOGO_BYTES).toString('base64')}`;
    for (const code of [502, 503, 504] as const) {
      const { html } = renderErrorPage(snapshot, code, logo);
      expect(Buffer.byteLength(rawHttpResponse(code, html))).toBeLessThanOrEqual(MAX_RAW_RESPONSE_BYTES);
      expect(html).toContain('The team knows about it: &amp;😀');
    }
    // A page with room keeps its logo and support link.
    const roomy = renderErrorPage({ ...fixtureSnapshot(), page: { ...fixtureSnapshot().page, supportUrl: 'https://example.com/support' } }, 502, logo).html;
    expect(roomy).toContain(`<img src="${logo}"`);
    expect(roomy).toContain('href="https://example.com/support"');
    expect(MAX_RAW_RESPONSE_BYTES).toBe(16_384 - 1024);
  });

  it('as a raw response for HAProxy: the status line, no caching, and the exact length of the body', () => {
    const { html } = renderErrorPage(fixtureSnapshot(), 504, null);
    const raw = rawHttpResponse(504, `${html}é`);
    const [head, body] = raw.split('\r\n\r\n');
    expect(head.split('\r\n')).toEqual(['HTTP/1.1 504 Gateway Timeout', 'Content-Type: text/html; charset=utf-8', 'Cache-Control: no-store', 'Connection: close', `Content-Length: ${Buffer.byteLength(`${html}é`)}`]);
    expect(body).toBe(`${html}é`);
  });
});

describe('the admin’s proxy settings', () => {
  it('takes a full folder and a host and port, and refuses what cannot go into a config file', () => {
    expect(proxySetupFrom({}, 'https://s.example.com')).toEqual({ dir: '/var/lib/gatewatch/error-pages', upstream: '127.0.0.1:8080', statusUrl: 'https://s.example.com', problem: null });
    expect(proxySetupFrom({ dir: '/srv/pages/', upstream: 'app:3000' }, '')).toMatchObject({ dir: '/srv/pages/', upstream: 'app:3000', problem: null });
    expect(proxySetupFrom({ upstream: '[::1]:8080' }, '')).toMatchObject({ upstream: '[::1]:8080', problem: null });
    const refused = proxySetupFrom({ dir: 'pages"; include /etc/passwd', upstream: 'app:3000; evil' }, '');
    expect(refused).toMatchObject({ dir: '/var/lib/gatewatch/error-pages', upstream: '127.0.0.1:8080' });
    expect(refused.problem).toBe(
      'The folder must be a full path such as /var/lib/gatewatch/error-pages, with letters, digits, dots, dashes and slashes only. The app must be a host and port such as 127.0.0.1:8080 or app:3000.',
    );
    expect(proxySetupFrom({ dir: '/srv/../etc' }, '').problem).toMatch(/^The folder must be a full path/);
  });
});
