// Notifications to Slack, Discord and Teams channels, end to end: channels subscribed through the
// admin API over HTTP, an incident opened there, and the real server's delivery worker posting each
// service's own format to receivers standing in for the services. Then, with an injected clock, the
// worker's functions on their own: a rate limit retried, a deleted webhook said in words, the welcome
// of a channel, and the endpoint guard refusing a public-form subscriber's private address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/access/permissions';
import type { Db, Provider } from '@/lib/db/client';
import { newId } from '@/lib/ids';
import { createIncident } from '@/lib/incidents/create-incident';
import { newToken, sendManageLink } from '@/lib/notifications/address-messages';
import { createSubscriber } from '@/lib/notifications/manage-subscribers';
import { sendDelivery } from '@/lib/notifications/send';
import { claimDueDeliveries, fanOutNotifications, recordDeliveryOutcome } from '@/lib/notifications/worker';
import { json, useAdminApiFixture } from '../helpers/admin-api';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';
import { useWorkerFixture } from '../helpers/worker-fixture';

/** A subscriber as the public subscribe form makes it (that form is built elsewhere): from the page, confirmed. */
async function pageSubscriber(db: Db, mode: string, endpoint: string) {
  return db.subscriber.create({
    data: { id: newId(), mode, endpoint, secret: mode === 'webhook' ? `whsec_${Buffer.alloc(32, 7).toString('base64')}` : null, confirmedAt: new Date(), unsubscribeToken: newToken(), source: 'page', createdAt: new Date() },
  });
}

export function describeChatNotifications(provider: Provider) {
  describe(`chat notifications on ${provider}`, () => {
    // Private endpoints allowed: the receivers are on this machine, and the page subscriber below is delivered.
    const fixture = useAdminApiFixture(provider, 'chat-notifications', { SUBSCRIBER_PRIVATE_ENDPOINTS: 'allow' });
    const { call } = fixture;
    const receivers = {} as Record<'slack' | 'discord' | 'teams', WebhookReceiver>;

    beforeAll(async () => {
      for (const mode of ['slack', 'discord', 'teams'] as const) receivers[mode] = await startWebhookReceiver();
    });
    afterAll(async () => {
      for (const receiver of Object.values(receivers)) await receiver?.stop();
    });

    /** What `receiver` was posted on `path` about `about` (an incident's id or name), parsed. */
    const postedTo = (receiver: WebhookReceiver, path: string, about: string) =>
      receiver.received.filter((request) => request.path === path && request.body.includes(about)).map((request) => ({ headers: request.headers, body: JSON.parse(request.body) }));

    it('posts an incident to each channel in its service’s own format, with the name, the message and the links', async () => {
      const component = (await (await call('POST', '/components', { key: fixture.keys.all, body: json({ component: { name: 'Checkout' } }) })).json()).id;
      const subscribed: Record<string, { id: string; token: string }> = {};
      for (const mode of ['slack', 'discord', 'teams'] as const) {
        const response = await call('POST', '/subscribers', { key: fixture.keys.all, body: json({ subscriber: { mode, endpoint: `${receivers[mode].url}/${mode}` } }) });
        expect(response.status, await response.clone().text()).toBe(201);
        const subscriber = await response.json();
        expect(subscriber).toMatchObject({ mode, endpoint: `${receivers[mode].url}/${mode}`, components: null });
        const { unsubscribeToken } = await fixture.database.db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } });
        subscribed[mode] = { id: subscriber.id, token: unsubscribeToken };
      }

      const name = 'Checkout errors & <timeouts>';
      const created = await call('POST', '/incidents', {
        key: fixture.keys.all,
        body: json({ incident: { name, status: 'investigating', body: 'We see **errors** when 5 < 6 & carts are full.\n\n- payments fail\n- orders wait', components: { [component]: 'major_outage' } } }),
      });
      expect(created.status).toBe(201);
      const incident = await created.json();
      // A component in a major outage makes the incident's impact critical.
      expect(incident.impact).toBe('critical');
      const incidentUrl = `https://status.example.com/incidents/${incident.id}`;
      const unsubscribeUrl = (mode: string) => `https://status.example.com/unsubscribe/${subscribed[mode].token}`;
      for (const mode of ['slack', 'discord', 'teams'] as const) await expect.poll(() => postedTo(receivers[mode], `/${mode}`, incident.id).length).toBe(1);
      const pageName = (await fixture.database.db.page.findFirstOrThrow()).name;

      const [slack] = postedTo(receivers.slack, '/slack', incident.id);
      expect(slack.headers['content-type']).toBe('application/json');
      expect(slack.body.text).toBe('Investigating: Checkout errors &amp; &lt;timeouts&gt;');
      expect(slack.body.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: `*<${incidentUrl}|Checkout errors &amp; &lt;timeouts&gt;>*` } });
      expect(slack.body.blocks[1].fields).toEqual([
        { type: 'mrkdwn', text: '*Status*\nInvestigating' },
        { type: 'mrkdwn', text: '*Impact*\nCritical' },
        { type: 'mrkdwn', text: '*Components*\nCheckout (Major outage)' },
      ]);
      expect(slack.body.blocks[2].text).toEqual({ type: 'mrkdwn', text: 'We see errors when 5 &lt; 6 &amp; carts are full.\n\n• payments fail\n• orders wait' });
      expect(slack.body.blocks[3].elements[0].text).toBe(`<https://status.example.com|${pageName}> · <${unsubscribeUrl('slack')}|Unsubscribe>`);

      const [discord] = postedTo(receivers.discord, '/discord', incident.id);
      expect(discord.body.allowed_mentions).toEqual({ parse: [] });
      expect(discord.body.embeds).toHaveLength(1);
      const [embed] = discord.body.embeds;
      expect(embed).toMatchObject({ title: name, url: incidentUrl, color: 0xdc2626, timestamp: expect.any(String) });
      expect(embed.fields).toEqual([
        { name: 'Status', value: 'Investigating', inline: true },
        { name: 'Impact', value: 'Critical', inline: true },
        { name: 'Components', value: 'Checkout (Major outage)', inline: true },
      ]);
      expect(embed.description).toBe(`We see errors when 5 \\< 6 & carts are full.\n\n• payments fail\n• orders wait\n\n[${pageName}](https://status.example.com) · [Unsubscribe](${unsubscribeUrl('discord')})`);
      expect(embed.footer).toEqual({ text: pageName });

      const [teams] = postedTo(receivers.teams, '/teams', incident.id);
      expect(teams.body).toMatchObject({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive' }] });
      const card = teams.body.attachments[0].content;
      expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
      expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: name, color: 'Attention' });
      expect(card.body.filter((block: { type: string }) => block.type === 'TextBlock').map((block: { text: string }) => block.text)).toEqual(
        expect.arrayContaining(['We see errors when 5 < 6 & carts are full.', '• payments fail', '• orders wait', expect.stringContaining(`[Unsubscribe](${unsubscribeUrl('teams')})`)]),
      );
      expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'View incident', url: incidentUrl }]);

      for (const { id } of Object.values(subscribed)) {
        await expect.poll(async () => (await fixture.database.db.delivery.findFirstOrThrow({ where: { subscriberId: id } })).status).toBe('delivered');
        expect((await call('DELETE', `/subscribers/${id}`, { key: fixture.keys.all })).status).toBe(200);
      }
    });

    it('delivers to a public-form subscriber’s private address when SUBSCRIBER_PRIVATE_ENDPOINTS=allow', async () => {
      const subscriber = await pageSubscriber(fixture.database.db, 'discord', `${receivers.discord.url}/from-the-page`);
      const created = await call('POST', '/incidents', { key: fixture.keys.all, body: json({ incident: { name: 'Seen from the page', body: 'Looking.' } }) });
      expect(created.status).toBe(201);
      await expect.poll(() => postedTo(receivers.discord, '/from-the-page', 'Seen from the page').length).toBe(1);
      expect(postedTo(receivers.discord, '/from-the-page', 'Seen from the page')[0].body.embeds[0].title).toBe('Seen from the page');
      await expect.poll(async () => (await fixture.database.db.delivery.findFirstOrThrow({ where: { subscriberId: subscriber.id } })).status).toBe('delivered');
      await fixture.database.db.subscriber.delete({ where: { id: subscriber.id } });
    });
  });

  describe(`chat deliveries on ${provider}, with an injected clock`, () => {
    const worker = useWorkerFixture(provider, 'Chat rules');
    const { t0, at } = worker;

    /** Opens an incident and returns its delivery to `subscriberId`, claimed at `now`. */
    async function notify(subscriberId: string, name: string, now: Date) {
      const { db, componentId } = worker;
      await createIncident(db, { body: 'Looking.', name, status: 'investigating', impact: 'minor', componentIds: [componentId] }, SYSTEM_ACTOR);
      await fanOutNotifications(db, now);
      const claimed = await claimDueDeliveries(db, now);
      const mine = claimed.find((delivery) => delivery.subscriber.id === subscriberId)!;
      // Whatever else was claimed goes back, due at once.
      for (const other of claimed.filter((delivery) => delivery !== mine)) await db.delivery.update({ where: { id: other.id }, data: { leaseUntil: null, nextAttemptAt: now } });
      return mine;
    }

    it('retries a channel that is rate limited (429), with the limit named, until it takes the message', async () => {
      const { db, receiver, componentId } = worker;
      const subscriber = await createSubscriber(db, { mode: 'slack', endpoint: `${receiver.url}/limited`, componentIds: [componentId] }, SYSTEM_ACTOR);
      receiver.answer({ status: 429, headers: { 'retry-after': '30' } });
      try {
        const delivery = await notify(subscriber.id, 'Rate limited', t0);
        await recordDeliveryOutcome(db, delivery, await sendDelivery(db, delivery, t0), t0, () => 0.5);
        expect(await db.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
          status: 'pending',
          attempts: 1,
          lastStatus: 429,
          lastError: 'HTTP 429: Slack is rate limiting this webhook (it asked to wait 30 s); it is sent again later',
          nextAttemptAt: at(10_000),
        });
        receiver.answer({ status: 200 });
        expect(await claimDueDeliveries(db, at(9_999))).toEqual([]);
        const [retry] = await claimDueDeliveries(db, at(10_000));
        expect(retry.id).toBe(delivery.id);
        await recordDeliveryOutcome(db, retry, await sendDelivery(db, retry, at(10_000)), at(10_000));
        expect(await db.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: 'delivered', attempts: 2, lastStatus: 200, lastError: null });
        const sent = receiver.received.filter((request) => request.path === '/limited');
        expect(sent).toHaveLength(2);
        expect(sent[1].body).toBe(sent[0].body);
        expect(JSON.parse(sent[1].body).text).toBe('Investigating: Rate limited');
      } finally {
        receiver.answer({ status: 200 });
      }
    });

    it('says a webhook deleted in Discord or Slack was removed there', async () => {
      const { db, receiver, componentId } = worker;
      for (const [mode, status, words] of [
        ['discord', 404, 'HTTP 404: the webhook was removed in Discord; subscribe the channel again with its new webhook URL'],
        ['slack', 410, 'HTTP 410: the webhook was removed in Slack (or its channel was archived or deleted); subscribe the channel again with its new webhook URL'],
      ] as const) {
        const subscriber = await createSubscriber(db, { mode, endpoint: `${receiver.url}/gone-${mode}`, componentIds: [componentId] }, SYSTEM_ACTOR);
        receiver.answer({ status });
        const delivery = await notify(subscriber.id, `Gone from ${mode}`, t0);
        expect(await sendDelivery(db, delivery, t0)).toEqual({ ok: false, status, error: words });
        await db.subscriber.delete({ where: { id: subscriber.id } });
      }
      receiver.answer({ status: 200 });
    });

    it('welcomes a channel with the link to manage its subscription', async () => {
      const { db, receiver } = worker;
      // An operator's subscriber: this process refuses private endpoints of the page's own.
      const subscriber = await createSubscriber(db, { mode: 'teams', endpoint: `${receiver.url}/welcome` }, SYSTEM_ACTOR);
      await db.$transaction((tx) => sendManageLink(tx, subscriber, ['Chat rules'], t0));
      const [delivery] = (await claimDueDeliveries(db, t0)).filter((claimed) => claimed.subscriber.id === subscriber.id);
      expect(await sendDelivery(db, delivery, t0)).toEqual({ ok: true, status: 200, error: null });
      const [welcome] = receiver.received.filter((request) => request.path === '/welcome');
      const texts = JSON.parse(welcome.body).attachments[0].content.body.map((block: { text?: string }) => block.text);
      const page = await db.page.findFirstOrThrow();
      expect(texts).toContain(`This channel now receives status updates from ${page.name} about Chat rules.`);
      expect(texts).toContain(`Manage or unsubscribe: https://status.example.com/subscriptions/${subscriber.unsubscribeToken}`);
      await db.subscriber.delete({ where: { id: subscriber.id } });
    });

    it('refuses to post a public-form subscriber’s notifications to a private address, webhook or chat', async () => {
      const { db, receiver, componentId } = worker;
      const chat = await pageSubscriber(db, 'slack', `${receiver.url}/private-chat`);
      const webhook = await pageSubscriber(db, 'webhook', `http://localhost:${new URL(receiver.url).port}/private-webhook`);
      await createIncident(db, { body: 'Looking.', name: 'Not for the intranet', status: 'investigating', componentIds: [componentId] }, SYSTEM_ACTOR);
      await fanOutNotifications(db, t0);
      const claimed = (await claimDueDeliveries(db, at(3600_000))).filter((delivery) => [chat.id, webhook.id].includes(delivery.subscriber.id));
      expect(claimed).toHaveLength(2);
      for (const delivery of claimed) {
        const outcome = await sendDelivery(db, delivery, at(3600_000));
        // localhost, the webhook's host, is 127.0.0.1 or ::1 by the machine's hosts file.
        expect(outcome).toEqual({ ok: false, status: null, error: expect.stringMatching(/^refused: the endpoint resolves to a private address \((127\.0\.0\.1|::1)\)$/) });
        await recordDeliveryOutcome(db, delivery, outcome, at(3600_000));
        expect((await db.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).lastError).toBe(outcome.error);
      }
      expect(receiver.received.filter((request) => request.path.startsWith('/private-'))).toEqual([]);
    });
  });
}
