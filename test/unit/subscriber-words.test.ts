import { describe, expect, it } from 'vitest';
import { deliveryErrorInWords, deliveryStateInWords, notificationInWords, subscriberStateInWords } from '@/lib/admin-ui/subscriber-words';
import { endpointShown } from '@/lib/notifications/subscribers';

const UTC = 'Etc/UTC';
const now = new Date('2026-12-03T10:00:00Z');

describe('endpointShown', () => {
  it('shows the host and the start of the path, never the key behind it', () => {
    expect(endpointShown('https://hooks.slack.com/services/T000/B000/XXXXSECRET')).toBe('hooks.slack.com/services/…');
    expect(endpointShown('https://discord.com/api/webhooks/123/token')).toBe('discord.com/api/…');
    expect(endpointShown('http://127.0.0.1:4000/ok')).toBe('127.0.0.1:4000/ok');
    expect(endpointShown('https://example.com/hook?token=secret')).toBe('example.com/hook?…');
    expect(endpointShown('https://user:password@example.com/')).toBe('example.com');
    // A long first segment may itself be a token.
    expect(endpointShown('https://example.com/a1b2c3d4e5f6a7b8c9d0e1f2')).toBe('example.com/a1b2…');
    expect(endpointShown('not a url')).toBe('an endpoint that is not a URL');
  });
});

describe('subscriberStateInWords', () => {
  const base = { endpoint: null, confirmedAt: null, confirmExpiresAt: null, failingSince: null, quarantinedAt: null, quarantineReason: null };
  it('says each state in words, in the page’s zone', () => {
    expect(subscriberStateInWords({ ...base, confirmedAt: new Date('2026-12-03T01:00:00Z') }, now, UTC)).toEqual({ kind: 'active', words: 'Confirmed Dec 3, 2026' });
    expect(subscriberStateInWords({ ...base, confirmExpiresAt: new Date('2026-12-05T10:00:00Z') }, now, UTC).words).toBe('Waiting for confirmation, link expires Dec 5, 2026, 10:00 UTC');
    expect(subscriberStateInWords({ ...base, confirmExpiresAt: new Date('2026-12-01T10:00:00Z') }, now, UTC).words).toBe('Not confirmed: the link expired Dec 1, 2026, 10:00 UTC, and the address is removed soon');
  });

  it('says why a subscriber is quarantined without its endpoint’s secret part', () => {
    const endpoint = 'https://hooks.slack.com/services/T000/B000/XXXXSECRET';
    const state = subscriberStateInWords(
      { ...base, endpoint, confirmedAt: now, quarantinedAt: new Date('2026-12-02T08:00:00Z'), quarantineReason: `HTTP 500 from ${endpoint}, failing since 2026-11-29T07:30:00.000Z` },
      now,
      UTC,
    );
    expect(state).toEqual({ kind: 'quarantined', words: 'Quarantined since Dec 2, 2026, 08:00 UTC: HTTP 500 from hooks.slack.com/services/…, failing since Nov 29, 2026, 07:30 UTC. Nothing more is sent to it.' });
  });
});

describe('notificationInWords', () => {
  it('names the kind and what it was about from the payload', () => {
    const incident = JSON.stringify({ incident: { name: '502 on the website', impact: 'major', status: 'identified', incident_updates: [{ status: 'identified' }, { status: 'investigating' }] } });
    expect(notificationInWords('incident_update', incident)).toBe('Incident update: 502 on the website (Identified)');
    expect(notificationInWords('incident_update', JSON.stringify({ incident: { name: 'Database upgrade', impact: 'maintenance', incident_updates: [{ status: 'scheduled' }] } }))).toBe('Maintenance update: Database upgrade (Scheduled)');
    const note = JSON.stringify({ incident: { name: '502 on the website', impact: 'major', incident_updates: [{ status: 'identified', body: 'We found **the cause**: a bad deploy of the gateway, which we are rolling back now.' }] } });
    expect(notificationInWords('incident_update', note)).toBe('Incident update: 502 on the website (Identified): “We found the cause: a bad deploy of the gateway, which we…”');
    expect(notificationInWords('maintenance_reminder', JSON.stringify({ incident: { name: 'Database upgrade' } }))).toBe('Maintenance reminder: Database upgrade');
    expect(notificationInWords('component_update', JSON.stringify({ component: { name: 'API' }, component_update: { old_status: 'operational', new_status: 'major_outage' } }))).toBe('Component status: API, operational → major outage');
    expect(notificationInWords('confirmation', '{"confirm_url":"https://status.example.com/subscribe/confirm/secret"}')).toBe('Confirmation link');
  });
});

describe('deliveryStateInWords and deliveryErrorInWords', () => {
  const delivery = { status: 'pending', attempts: 0, nextAttemptAt: now, leaseUntil: null, deliveredAt: null };
  it('says how a delivery stands', () => {
    expect(deliveryStateInWords({ ...delivery, status: 'delivered', attempts: 3, deliveredAt: now }, now, UTC)).toEqual({ tone: 'delivered', words: 'Delivered Dec 3, 2026, 10:00:00 UTC, after 3 attempts' });
    expect(deliveryStateInWords({ ...delivery, attempts: 2, nextAttemptAt: new Date('2026-12-03T10:00:30Z') }, now, UTC)).toEqual({ tone: 'failing', words: 'Failing: next attempt Dec 3, 2026, 10:00:30 UTC (2 attempts so far)' });
    expect(deliveryStateInWords({ ...delivery, leaseUntil: new Date('2026-12-03T10:00:45Z') }, now, UTC)).toEqual({ tone: 'pending', words: 'Sending now' });
    expect(deliveryStateInWords({ ...delivery, status: 'failed', attempts: 7 }, now, UTC)).toEqual({ tone: 'failed', words: 'Given up after 7 attempts' });
  });

  it('says the last error in words, with the HTTP status and what it means', () => {
    expect(deliveryErrorInWords(null, null, null, UTC)).toBeNull();
    expect(deliveryErrorInWords('HTTP 500', 500, null, UTC)).toBe('The receiver answered HTTP 500 Internal Server Error: the receiver failed on its side.');
    expect(deliveryErrorInWords('HTTP 410', 410, null, UTC)).toBe('The receiver answered HTTP 410 Gone: the receiver says the address is gone for good: remove this subscriber.');
    expect(deliveryErrorInWords('HTTP 301, redirecting to https://new.example.com/ (redirects are not followed: subscribe that address instead)', 301, null, UTC)).toBe(
      'The receiver answered HTTP 301 Moved Permanently: redirecting to https://new.example.com/ (redirects are not followed: subscribe that address instead).',
    );
    expect(deliveryErrorInWords('no answer within 30 s', null, null, UTC)).toBe('No answer within 30 s.');
    const endpoint = 'https://example.com/hook?token=secret';
    expect(deliveryErrorInWords(`not sent: the subscriber was quarantined (HTTP 500 from ${endpoint}, failing since 2026-11-29T07:30:00.000Z)`, 500, endpoint, UTC)).toBe(
      'Not sent: the subscriber was quarantined (HTTP 500 from example.com/hook?…, failing since Nov 29, 2026, 07:30 UTC).',
    );
  });
});
