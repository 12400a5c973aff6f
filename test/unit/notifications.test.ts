// The pure rules of notifications: who a notification concerns, the bytes each subscriber gets, the retry schedule.
import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { bodyFor } from '@/lib/notifications/payloads';
import { clientNetwork } from '@/lib/notifications/public-subscribe';
import { componentIdsOf, concerns, receives } from '@/lib/notifications/subscribers';
import { newWebhookSecret } from '@/lib/notifications/webhook';
import { retryDelayMs } from '@/lib/notifications/worker';

describe('who a notification concerns', () => {
  it('is everyone following all components, and those following any component it is about', () => {
    expect(componentIdsOf(null)).toBeNull();
    // None left (every one chosen was deleted): not all of them.
    expect(componentIdsOf('[]')).toEqual([]);
    expect(concerns([], ['a'])).toBe(false);
    expect(concerns([], [])).toBe(true);
    expect(componentIdsOf('["a","b"]')).toEqual(['a', 'b']);
    expect(concerns(null, [])).toBe(true);
    expect(concerns(null, ['a'])).toBe(true);
    expect(concerns(['a', 'b'], ['b', 'c'])).toBe(true);
    expect(concerns(['a'], ['c'])).toBe(false);
    // An incident on no component is page-wide: it concerns everyone (as Statuspage sends it).
    expect(concerns(['a'], [])).toBe(true);
  });

  it('sends incident updates to all they concern, component changes to webhooks and to people who chose the component, reminders to people', () => {
    for (const mode of ['email', 'webhook', 'slack'] as const) {
      expect(receives(mode, null, 'incident_update', ['a'])).toBe(true);
      expect(receives(mode, ['b'], 'incident_update', ['a'])).toBe(false);
    }
    expect(receives('webhook', null, 'component_update', ['a'])).toBe(true);
    expect(receives('webhook', ['b'], 'component_update', ['a'])).toBe(false);
    expect(receives('email', null, 'component_update', ['a'])).toBe(false);
    expect(receives('discord', ['a', 'b'], 'component_update', ['a'])).toBe(true);
    expect(receives('email', ['b'], 'component_update', ['a'])).toBe(false);
    // A change an incident update made reaches people through that update, once; webhooks get both, as from Statuspage.
    expect(receives('email', ['a'], 'incident_component_update', ['a'])).toBe(false);
    expect(receives('slack', ['a'], 'incident_component_update', ['a'])).toBe(false);
    expect(receives('webhook', null, 'incident_component_update', ['a'])).toBe(true);
    expect(receives('email', null, 'maintenance_reminder', ['a'])).toBe(true);
    expect(receives('teams', ['a'], 'maintenance_reminder', [])).toBe(true);
    expect(receives('webhook', null, 'maintenance_reminder', ['a'])).toBe(false);
  });
});

describe('the body a subscriber gets', () => {
  it('is the notification’s, with its own unsubscribe link, the same bytes every time', () => {
    const payload = JSON.stringify({ meta: { unsubscribe: 'https://status.example.com/unsubscribe/', documentation: 'https://status.example.com/docs/api', generated_at: '2026-03-01T12:00:00.000Z' }, page: { id: 'p' }, incident: { id: 'i' } });
    const body = bodyFor(payload, 'tok3n');
    expect(body).toBe(bodyFor(payload, 'tok3n'));
    expect(JSON.parse(body)).toEqual({ meta: { unsubscribe: 'https://status.example.com/unsubscribe/tok3n', documentation: 'https://status.example.com/docs/api', generated_at: '2026-03-01T12:00:00.000Z' }, page: { id: 'p' }, incident: { id: 'i' } });
    expect(Object.keys(JSON.parse(body))).toEqual(['meta', 'page', 'incident']);
  });

  it('is signed with a secret in the Standard Webhooks format', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(newWebhookSecret()).not.toBe(secret);
    const webhook = new Webhook(secret);
    const now = new Date();
    const headers = { 'webhook-id': 'abc', 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': webhook.sign('abc', now, '{"a":1}') };
    expect(webhook.verify('{"a":1}', headers)).toEqual({ a: 1 });
  });
});

describe('the retry schedule', () => {
  it('waits 10 s, 30 s, 2 min, 10 min, 1 h, then every 6 h, each within 20 % either way', () => {
    const middle = [1, 2, 3, 4, 5, 6, 7, 20].map((attempts) => retryDelayMs(attempts, () => 0.5));
    expect(middle).toEqual([10_000, 30_000, 120_000, 600_000, 3600_000, 21_600_000, 21_600_000, 21_600_000]);
    expect(retryDelayMs(1, () => 0)).toBe(8_000);
    expect(retryDelayMs(1, () => 0.999999)).toBeLessThanOrEqual(12_000);
    expect(retryDelayMs(6, () => 0)).toBe(17_280_000);
  });
});

describe('the client a subscription limit counts', () => {
  it('is an IPv4 address itself, and an IPv6 one by its /64', () => {
    expect(clientNetwork('203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('2001:db8:1:2:aaaa::1')).toBe(clientNetwork('2001:db8:1:2:bbbb:cccc:dddd:eeee'));
    expect(clientNetwork('2001:db8:1:2::1')).not.toBe(clientNetwork('2001:db8:1:3::1'));
    expect(clientNetwork('unknown')).toBe('unknown');
  });
});
