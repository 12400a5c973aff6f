// A visitor, in Chromium with JavaScript off, subscribes by email from the public page, confirms from
// the link in the email a real SMTP server received, gets the next incident update, and unsubscribes
// in one click; an address subscribing again and the limits never reveal who is subscribed. Over
// HTTP against `npm start`'s server, on both databases.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, useAdminApiFixture } from '../helpers/admin-api';
import { seriousFindings } from '../helpers/axe';
import { launchChromium } from '../helpers/browser';
import { PROVIDERS } from '../helpers/databases';
import { headerLine, startSmtpSink, type ReceivedMail, type SmtpSink } from '../helpers/smtp-sink';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

/** The first link in a mail's text whose path starts with `prefix`, moved onto the test's server. */
function linkIn(mail: ReceivedMail, prefix: string, serverUrl: string): string {
  const found = (mail.parsed.text ?? '').match(new RegExp(`https?://[^\\s<>)]+${prefix}[^\\s<>)]*`));
  if (!found) throw new Error(`no ${prefix} link in: ${mail.parsed.text}`);
  const url = new URL(found[0]);
  return `${serverUrl}${url.pathname}${url.search}`;
}

/** Fills in the chat-or-webhook form of `baseUrl`'s subscribe page and waits for what it says. */
async function subscribeEndpoint(visitor: Page, baseUrl: string, mode: string, endpoint: string) {
  await visitor.goto(`${baseUrl}/subscribe`);
  // Folded under its summary beside the email form (open when email is off); opening it needs no script.
  if (!(await visitor.locator('details[open]').count())) await visitor.getByText('In Slack, Discord, Teams, or to a webhook').click();
  await visitor.locator(`#mode-${mode}`).check();
  await visitor.getByLabel('URL', { exact: true }).fill(endpoint);
  await visitor.getByRole('button', { name: 'Subscribe' }).last().click();
  await visitor.locator('form [role="status"], form [role="alert"], #subscribe-endpoint-error').first().waitFor();
}

for (const provider of PROVIDERS) {
  describe(`subscribing from the page on ${provider}`, () => {
    let sink: SmtpSink;
    const env: Record<string, string> = {};
    beforeAll(async () => {
      sink = await startSmtpSink();
      env.SMTP_URL = sink.url;
    });
    const fixture = useAdminApiFixture(provider, 'subscriptions', env);
    let browser: Browser;
    let visitor: Page;
    /** axe-core runs as a script: a page of its own, with scripts on, at the visitor's address. */
    const findingsAt = async (url: string) => {
      const page = await browser.newPage();
      try {
        await page.goto(url);
        return await seriousFindings(page);
      } finally {
        await page.close();
      }
    };
    beforeAll(async () => {
      browser = await launchChromium();
      visitor = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
      // A step that cannot happen fails where it is, well inside the test's own time.
      visitor.setDefaultTimeout(10_000);
    });
    afterAll(async () => {
      await browser?.close();
      await sink?.stop();
    });

    const openIncident = async (name: string, componentName: string) => {
      const components = await (await fixture.call('GET', '/components', { key: fixture.keys.all })).json();
      const component = components.find((candidate: { name: string }) => candidate.name === componentName);
      const response = await fixture.call('POST', '/incidents', {
        key: fixture.keys.all,
        body: json({ incident: { name, status: 'investigating', impact_override: 'major', body: `We are looking into **${name}**.`, component_ids: [component.id], components: { [component.id]: 'major_outage' } } }),
      });
      expect(response.status, await response.clone().text()).toBe(201);
    };

    it('subscribes with JavaScript off, confirms from the email, receives the next update, and unsubscribes in one click', async () => {
      await visitor.goto(fixture.server.url);
      await visitor.getByRole('link', { name: 'Subscribe to updates' }).click();
      await visitor.waitForURL(`${fixture.server.url}/subscribe`);
      expect(await findingsAt(visitor.url())).toEqual([]);

      // Refused without an address: the field says why, and nothing is stored.
      await visitor.getByRole('button', { name: 'Subscribe' }).first().click();
      await expect.poll(() => visitor.locator('#subscribe-email-error').textContent()).toMatch(/email/i);
      await visitor.getByLabel('Your email address').fill('not an address');
      await visitor.getByRole('button', { name: 'Subscribe' }).first().click();
      await expect.poll(() => visitor.locator('#subscribe-email-error').textContent()).toMatch(/must be an email address/);
      expect(await fixture.database.db.subscriber.count()).toBe(0);

      await visitor.getByLabel('Your email address').fill('Visitor@Example.com');
      await visitor.getByLabel('Public API').first().check();
      await visitor.getByRole('button', { name: 'Subscribe' }).first().click();
      await expect.poll(() => visitor.getByRole('status').first().textContent()).toMatch(/we sent a link to visitor@example\.com/);

      const [confirmation] = await sink.waitFor('visitor@example.com');
      expect(confirmation.parsed.subject).toMatch(/confirm/i);
      await visitor.goto(linkIn(confirmation, '/subscribe/confirm/', fixture.server.url));
      await visitor.getByRole('button', { name: 'Confirm my subscription' }).click();
      await expect.poll(() => visitor.getByRole('status').first().textContent()).toMatch(/visitor@example\.com is subscribed: the next update will reach it/);

      // An incident on another component is not for this subscriber; one on the Public API is.
      await openIncident('Dashboard slow to load', 'Dashboard');
      await openIncident('Public API answering 502', 'Public API');
      const [, update] = await sink.waitFor('visitor@example.com', 2);
      expect(update.parsed.subject).toContain('Public API answering 502');
      expect(update.parsed.text).toContain('We are looking into');
      expect(update.parsed.html).toContain('<strong>Public API answering 502</strong>');
      expect(headerLine(update, 'list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

      await visitor.goto(linkIn(update, '/unsubscribe/', fixture.server.url));
      expect(await findingsAt(visitor.url())).toEqual([]);
      await visitor.getByRole('button', { name: 'Unsubscribe' }).click();
      await visitor.waitForURL(`${fixture.server.url}/unsubscribed`);
      expect(await visitor.locator('h1').textContent()).toBe('You are unsubscribed');
      expect(await fixture.database.db.subscriber.count({ where: { email: 'visitor@example.com' } })).toBe(0);

      // Nothing more arrives: another subscriber's copy of the next update is the proof it was sent.
      const other = await fixture.call('POST', '/subscribers', { key: fixture.keys.all, body: json({ subscriber: { email: 'other@example.com', skip_confirmation_notification: true } }) });
      expect(other.status).toBe(201);
      await openIncident('Public API answering 502 again', 'Public API');
      await sink.waitFor('other@example.com');
      expect(sink.received.filter((mail) => mail.to.includes('visitor@example.com'))).toHaveLength(2);
    });

    it('answers an address subscribing again the same way, mailing its owner a link to the subscription instead', async () => {
      const subscribe = async (email: string) => {
        await visitor.goto(`${fixture.server.url}/subscribe`);
        await visitor.getByLabel('Your email address').fill(email);
        await visitor.getByRole('button', { name: 'Subscribe' }).first().click();
        return expect.poll(() => visitor.getByRole('status').first().textContent()).toMatch(new RegExp(`we sent a link to ${email}`));
      };
      await fixture.call('POST', '/subscribers', { key: fixture.keys.all, body: json({ subscriber: { email: 'known@example.com', skip_confirmation_notification: true } }) });
      await subscribe('known@example.com');
      const [manage] = await sink.waitFor('known@example.com');
      expect(manage.parsed.text).toMatch(/already subscribed/i);
      await visitor.goto(linkIn(manage, '/subscriptions/', fixture.server.url));
      expect(await visitor.locator('h1').textContent()).toBe('Your subscription');
      await visitor.getByLabel('Database').check();
      await visitor.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => visitor.getByRole('status').first().textContent()).toMatch(/Saved/);
      expect(await visitor.getByLabel('Database').isChecked()).toBe(true);
      const known = await fixture.database.db.subscriber.findFirstOrThrow({ where: { email: 'known@example.com' } });
      expect(JSON.parse(known.componentIds!)).toHaveLength(1);

      // A second try within the minute: the same answer, and no second message.
      await subscribe('known@example.com');
      await subscribe('fresh@example.com');
      await sink.waitFor('fresh@example.com');
      expect(sink.received.filter((mail) => mail.to.includes('known@example.com'))).toHaveLength(1);
    });

    it('refuses a bad URL and, by default, a private address on the form, with a sentence and nothing stored', async () => {
      const before = await fixture.database.db.subscriber.count();
      await subscribeEndpoint(visitor, fixture.server.url, 'webhook', 'ftp://example.com/hook');
      expect(await visitor.locator('#subscribe-endpoint-error').textContent()).toMatch(/must be an http:\/\/ or https:\/\/ URL/);
      await subscribeEndpoint(visitor, fixture.server.url, 'slack', 'http://127.0.0.1:9/slack');
      expect(await visitor.locator('form [role="alert"]').textContent()).toMatch(/not a public internet address/);
      expect(await fixture.database.db.subscriber.count()).toBe(before);
    });

    it('turns away a client subscribing over and over, with a sentence and nothing stored', async () => {
      // The earlier tests spent some of this client's allowance; five in a row always run it out.
      const before = await fixture.database.db.subscriber.count();
      let refusal = '';
      for (let attempt = 0; attempt < 6 && !refusal; attempt++) {
        await visitor.goto(`${fixture.server.url}/subscribe`);
        await visitor.getByLabel('Your email address').fill(`flood${attempt}@example.com`);
        await visitor.getByRole('button', { name: 'Subscribe' }).first().click();
        await visitor.locator('form [role="status"], form [role="alert"]').first().waitFor();
        refusal = (await visitor.locator('form [role="alert"]').count()) ? ((await visitor.locator('form [role="alert"]').textContent()) ?? '') : '';
      }
      expect(refusal).toMatch(/Too many subscriptions from your network/);
      const stored = await fixture.database.db.subscriber.count();
      expect(stored - before).toBeLessThan(6);
    });

    it('subscribes an address through the admin API with a confirmation link, resends it within the limits, and refuses a second subscription', async () => {
      const key = { key: fixture.keys.all };
      const response = await fixture.call('POST', '/subscribers', { ...key, body: json({ subscriber: { email: ' API@example.com ' } }) });
      expect(response.status, await response.clone().text()).toBe(201);
      const created = await response.json();
      expect(created).toMatchObject({ mode: 'email', email: 'api@example.com', confirmed_at: null, components: null });
      expect(new Date(created.purge_at).getTime() - Date.now()).toBeGreaterThan(47 * 3600_000);
      const [first] = await sink.waitFor('api@example.com');
      expect(linkIn(first, '/subscribe/confirm/', fixture.server.url)).toMatch(/\/subscribe\/confirm\/[\w-]{20,}$/);

      const again = await fixture.call('POST', '/subscribers', { ...key, body: json({ subscriber: { email: 'api@example.com' } }) });
      expect(again.status).toBe(409);
      expect((await again.json()).error.code).toBe('already_subscribed');

      // Within a minute of the first message: refused, with when to try.
      const resend = await fixture.call('POST', `/subscribers/${created.id}/resend_confirmation`, key);
      expect(resend.status).toBe(429);
      expect(Number(resend.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await resend.json()).error.message).toMatch(/api@example\.com was sent confirmations recently; try again in \d+ seconds/);
      // Once the minute has passed (moved back in the database, rather than waited for), a new link that replaces the old one.
      await fixture.database.db.delivery.updateMany({ where: { subscriberId: created.id }, data: { createdAt: new Date(Date.now() - 120_000) } });
      const resent = await fixture.call('POST', `/subscribers/${created.id}/resend_confirmation`, key);
      expect(resent.status, await resent.clone().text()).toBe(200);
      const [, second] = await sink.waitFor('api@example.com', 2);
      const oldLink = linkIn(first, '/subscribe/confirm/', fixture.server.url);
      expect(linkIn(second, '/subscribe/confirm/', fixture.server.url)).not.toBe(oldLink);
      expect(await (await fetch(oldLink)).text()).toContain('This link does not work any more');

      const webhook = await (await fixture.call('POST', '/subscribers', { ...key, body: json({ subscriber: { endpoint: 'https://example.com/hook' } }) })).json();
      expect((await fixture.call('POST', `/subscribers/${webhook.id}/resend_confirmation`, key)).status).toBe(422);
      expect((await fixture.call('POST', '/subscribers/nosuchsubscriber/resend_confirmation', key)).status).toBe(404);
      expect((await fixture.call('GET', `/subscribers/${created.id}/resend_confirmation`, key)).status).toBe(405);
      expect((await fixture.call('POST', `/subscribers/${created.id}/resend_confirmation`, { key: fixture.keys.read })).status).toBe(403);
      const count = await (await fixture.call('GET', '/subscribers/count?state=unconfirmed&q=api@', key)).json();
      expect(count).toEqual({ type: 'all', state: 'unconfirmed', count: 1 });
    });

    it('unsubscribes in one click from a mail client (RFC 8058), and sends a browser opening that address to the page that asks', async () => {
      const created = await (await fixture.call('POST', '/subscribers', { key: fixture.keys.all, body: json({ subscriber: { email: 'oneclick@example.com', skip_confirmation_notification: true } }) })).json();
      const { unsubscribeToken } = await fixture.database.db.subscriber.findUniqueOrThrow({ where: { id: created.id } });
      const opened = await fixture.request('GET', `/api/unsubscribe/${unsubscribeToken}`);
      expect(opened.status).toBe(303);
      expect(opened.headers.get('location')).toBe(`https://status.example.com/unsubscribe/${unsubscribeToken}`);
      const posted = await fixture.request('POST', `/api/unsubscribe/${unsubscribeToken}`, { body: 'List-Unsubscribe=One-Click', type: 'application/x-www-form-urlencoded' });
      expect(posted.status).toBe(200);
      expect(await posted.json()).toEqual({ unsubscribed: true });
      expect(await fixture.database.db.subscriber.findUnique({ where: { id: created.id } })).toBeNull();
      // Again, or with a link that never was: the same answer.
      expect((await fixture.request('POST', `/api/unsubscribe/${unsubscribeToken}`, { body: 'List-Unsubscribe=One-Click', type: 'application/x-www-form-urlencoded' })).status).toBe(200);
      expect((await fixture.request('POST', `/api/unsubscribe/${'x'.repeat(200)}`)).status).toBe(404);
    });
  });

  // A page of its own where private addresses are allowed (an intranet page): every instance on a
  // database must agree on that, as each may send any delivery.
  describe(`chat channels and webhooks from the page on ${provider}`, () => {
    const fixture = useAdminApiFixture(provider, 'subscriptions-intranet', { SUBSCRIBER_PRIVATE_ENDPOINTS: 'allow' });
    let browser: Browser;
    let visitor: Page;
    let receiver: WebhookReceiver;
    beforeAll(async () => {
      browser = await launchChromium();
      visitor = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
      visitor.setDefaultTimeout(10_000);
      receiver = await startWebhookReceiver();
    });
    afterAll(async () => {
      await browser?.close();
      await receiver?.stop();
    });

    it('subscribes a Slack channel (welcomed) and a webhook (its secret shown once, verifying what is sent)', async () => {
      const url = fixture.server.url;
      // No SMTP here: the page offers no email, and the other form is open.
      await visitor.goto(`${url}/subscribe`);
      expect(await visitor.getByLabel('Your email address').count()).toBe(0);

      await subscribeEndpoint(visitor, url, 'slack', `${receiver.url}/slack`);
      expect(await visitor.getByRole('status').first().textContent()).toMatch(/A welcome message is on its way to your Slack channel/);
      await expect.poll(() => receiver.received.filter((request) => request.path === '/slack').length, { timeout: 20_000 }).toBe(1);
      expect(JSON.parse(receiver.received[0].body).text).toMatch(/status updates/i);
      // The same URL again: said plainly, and no second subscription.
      await subscribeEndpoint(visitor, url, 'slack', `${receiver.url}/slack`);
      expect(await visitor.getByRole('status').first().textContent()).toMatch(/already receives updates/);
      expect(await fixture.database.db.subscriber.count({ where: { endpoint: `${receiver.url}/slack` } })).toBe(1);

      await subscribeEndpoint(visitor, url, 'webhook', `${receiver.url}/own`);
      const secret = (await visitor.locator('form code').last().textContent())!;
      expect(secret).toMatch(/^whsec_/);
      const components = await (await fixture.call('GET', '/components', { key: fixture.keys.all })).json();
      const database = components.find((candidate: { name: string }) => candidate.name === 'Database');
      const opened = await fixture.call('POST', '/incidents', { key: fixture.keys.all, body: json({ incident: { name: 'Webhook check', status: 'investigating', body: 'Looking.', components: { [database.id]: 'major_outage' } } }) });
      expect(opened.status).toBe(201);
      // Statuspage's two bodies: the incident, and the component's status change.
      await expect.poll(() => receiver.received.filter((request) => request.path === '/own').length, { timeout: 20_000 }).toBe(2);
      const bodies = receiver.verified(secret, '/own').map(({ body }) => body);
      expect(bodies.find((body) => body.incident)?.incident.name).toBe('Webhook check');
      expect(bodies.find((body) => body.component_update)?.component_update).toMatchObject({ old_status: 'operational', new_status: 'major_outage' });
    });
  });
}
