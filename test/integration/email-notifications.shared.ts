// Notifications to email subscribers, end to end: subscribed through the admin API over HTTP, sent by
// the real server's delivery worker through a real SMTP server, and read back as a mail client reads
// them (mailparser); then a mail server refusing and recovering, driven by the worker's own functions
// with an injected clock, the sends still real SMTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/access/permissions';
import type { Provider } from '@/lib/db/client';
import { createIncident } from '@/lib/incidents/create-incident';
import { createSubscriber } from '@/lib/notifications/manage-subscribers';
import { sendDelivery } from '@/lib/notifications/send';
import { claimDueDeliveries, fanOutNotifications, recordDeliveryOutcome } from '@/lib/notifications/worker';
import { seedDemo } from '@/lib/seed/demo';
import { json, useAdminApiFixture } from '../helpers/admin-api';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';
import { headerLine, startSmtpSink, type ReceivedMail, type SmtpSink } from '../helpers/smtp-sink';

const PAGE_URL = 'https://status.example.com';
const PAGE_NAME = 'Gatewatch Demo';

/** A header as its line reads, folded lines joined; undefined when the message has none. */

export function describeEmailNotifications(provider: Provider) {
  describe(`email notifications on ${provider}`, () => {
    // Registered before the fixture's hooks, so the sink listens (and SMTP_URL is known) before the
    // server starts; in this process too, before anything reads the environment.
    const smtpEnv: Record<string, string> = {};
    let sink: SmtpSink;
    beforeAll(async () => {
      sink = await startSmtpSink();
      smtpEnv.SMTP_URL = sink.url;
      process.env.SMTP_URL = sink.url;
    });
    afterAll(() => sink?.stop());

    describe('through the admin API and the real server', () => {
      const fixture = useAdminApiFixture(provider, 'email-notifications', smtpEnv);
      const db = () => fixture.database.db;

      async function subscribe(subscriber: Record<string, unknown>) {
        const response = await fixture.call('POST', '/subscribers', { key: fixture.keys.all, body: json({ subscriber }) });
        expect(response.status, await response.clone().text()).toBe(201);
        return response.json() as Promise<{ id: string; mode: string; email: string; confirmed_at: string | null }>;
      }
      async function openIncident(incident: Record<string, unknown>) {
        const response = await fixture.call('POST', '/incidents', { key: fixture.keys.all, body: json({ incident }) });
        expect(response.status, await response.clone().text()).toBe(201);
        return response.json() as Promise<{ id: string }>;
      }
      /** Every notification written so far has been sent (or failed): nothing more is coming. */
      const settled = () =>
        expect.poll(async () => (await db().notification.count({ where: { fannedOutAt: null } })) + (await db().delivery.count({ where: { status: 'pending' } })), { timeout: 15_000 }).toBe(0);

      it('emails an incident and its updates to a subscriber, in text and HTML, with its links, unsubscribe headers and thread', async () => {
        const ann = await subscribe({ email: 'Ann@Example.com', skip_confirmation_notification: true });
        expect(ann).toMatchObject({ mode: 'email', email: 'ann@example.com', confirmed_at: expect.any(String) });
        const { unsubscribeToken: token } = await db().subscriber.findUniqueOrThrow({ where: { id: ann.id } });

        const incident = await openIncident({ name: 'API errors', status: 'investigating', impact_override: 'major', body: 'We are looking into **errors** on the API. <script>alert(1)</script> [details](javascript:alert(2))' });
        const [mail] = await sink.waitFor('ann@example.com');
        const delivery = await db().delivery.findFirstOrThrow({ where: { subscriberId: ann.id } });

        expect(mail.parsed.subject).toBe(`[${PAGE_NAME}] Investigating: API errors`);
        expect(mail.parsed.from?.value).toEqual([{ name: PAGE_NAME, address: 'status@status.example.com' }]);
        expect(mail.parsed.messageId).toBe(`<${delivery.id}@status.example.com>`);
        expect(mail.parsed.inReplyTo).toBe(`<incident.${incident.id}@status.example.com>`);
        expect(headerLine(mail, 'list-unsubscribe')).toBe(`List-Unsubscribe: <${PAGE_URL}/api/unsubscribe/${token}>`);
        expect(headerLine(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
        expect(headerLine(mail, 'list-id')).toBe(`List-ID: "${PAGE_NAME}" <status.example.com>`);

        const text = mail.parsed.text!;
        expect(text).toContain('API errors\nStatus: Investigating');
        expect(text).toContain('We are looking into errors on the API.');
        expect(text).toContain(`View the incident: ${PAGE_URL}/incidents/${incident.id}`);
        expect(text).toContain(`${PAGE_NAME}: ${PAGE_URL}`);
        expect(text).toContain(`Manage your subscription: ${PAGE_URL}/subscriptions/${token}`);
        expect(text).toContain(`Unsubscribe: ${PAGE_URL}/unsubscribe/${token}`);
        const html = mail.parsed.html as string;
        expect(html).toContain('We are looking into <strong>errors</strong> on the API.');
        expect(html).toContain(`href="${PAGE_URL}/incidents/${incident.id}"`);
        expect(html).toMatch(new RegExp(`<a href="${PAGE_URL}/unsubscribe/${token}"[^>]*>Unsubscribe</a>`));
        expect(html).not.toMatch(/<script|javascript:|alert\(/);

        await expect.poll(async () => db().delivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 250, lastError: null });

        // The next update: a message of its own, in the incident's thread.
        expect((await fixture.call('PATCH', `/incidents/${incident.id}`, { key: fixture.keys.all, body: json({ incident: { status: 'resolved', body: 'Fixed.' } }) })).status).toBe(200);
        const [, resolved] = await sink.waitFor('ann@example.com', 2);
        expect(resolved.parsed.subject).toBe(`[${PAGE_NAME}] Resolved: API errors`);
        expect(resolved.parsed.text).toContain('Fixed.');
        expect(resolved.parsed.messageId).not.toBe(mail.parsed.messageId);
        expect(resolved.parsed.inReplyTo).toBe(mail.parsed.inReplyTo);
        expect((await fixture.call('DELETE', `/subscribers/${ann.id}`, { key: fixture.keys.all })).status).toBe(200);
      });

      it('asks an address to confirm, with a link to the confirmation page, and sends it nothing else until it does', async () => {
        const bob = await subscribe({ email: 'bob@example.com' });
        expect(bob.confirmed_at).toBeNull();
        const [mail] = await sink.waitFor('bob@example.com');
        const { confirmToken } = await db().subscriber.findUniqueOrThrow({ where: { id: bob.id } });

        expect(mail.parsed.subject).toBe(`Confirm your subscription to ${PAGE_NAME}`);
        const link = /Confirm your subscription: (\S+)/.exec(mail.parsed.text!)?.[1];
        expect(link).toBe(`${PAGE_URL}/subscribe/confirm/${confirmToken}`);
        expect(new URL(link!).pathname.startsWith('/subscribe/confirm/')).toBe(true);
        expect(mail.parsed.html).toMatch(new RegExp(`<a href="${link}"[^>]*>Confirm your subscription</a>`));
        expect(mail.parsed.text).toContain('If you did not ask for this, ignore it: nothing will be sent.');
        expect(mail.parsed.text).toMatch(/This link works until \w{3} \d{1,2}, \d{4}, \d{2}:\d{2} UTC\./);
        // Not subscribed yet: no unsubscribe headers or links.
        expect(headerLine(mail, 'list-unsubscribe')).toBeUndefined();
        expect(mail.parsed.text).not.toContain('Unsubscribe');

        await openIncident({ name: 'Not for Bob', status: 'investigating', body: 'Looking.' });
        await settled();
        expect(sink.received.filter((received) => received.to.includes('bob@example.com'))).toHaveLength(1);

        // A new link on request (the old one stops working), one a minute at most.
        expect((await fixture.call('POST', `/subscribers/${bob.id}/resend_confirmation`, { key: fixture.keys.all })).status).toBe(429);
        await db().delivery.updateMany({ where: { subscriberId: bob.id }, data: { createdAt: new Date(Date.now() - 120_000) } });
        expect((await fixture.call('POST', `/subscribers/${bob.id}/resend_confirmation`, { key: fixture.keys.all })).status).toBe(200);
        const [, again] = await sink.waitFor('bob@example.com', 2);
        const newToken = (await db().subscriber.findUniqueOrThrow({ where: { id: bob.id } })).confirmToken;
        expect(newToken).not.toBe(confirmToken);
        expect(again.parsed.text).toContain(`${PAGE_URL}/subscribe/confirm/${newToken}`);
        expect((await fixture.call('DELETE', `/subscribers/${bob.id}`, { key: fixture.keys.all })).status).toBe(200);
      });

      it('refuses an email subscriber without an address, and an address subscribed twice', async () => {
        const noAddress = await fixture.call('POST', '/subscribers', { key: fixture.keys.all, body: json({ subscriber: { endpoint: 'https://example.com/h', mode: 'email' } }) });
        expect(noAddress.status).toBe(422);
        expect(JSON.stringify((await noAddress.json()).error.details)).toContain('email');
        await subscribe({ email: 'carol@example.com', skip_confirmation_notification: true });
        const twice = await fixture.call('POST', '/subscribers', { key: fixture.keys.all, body: json({ subscriber: { email: 'CAROL@example.com' } }) });
        expect(twice.status).toBe(409);
        expect((await twice.json()).error.message).toContain('carol@example.com is already subscribed');
      });
    });

    describe('a mail server refusing, then recovering, with an injected clock', () => {
      let database: TestDatabase;
      const t0 = new Date('2026-03-01T12:00:00Z');
      const at = (ms: number) => new Date(t0.getTime() + ms);

      beforeAll(async () => {
        database = await createTestDatabase(provider);
        await seedDemo(database.db, { pageUrl: PAGE_URL });
      });
      afterAll(() => database?.drop());

      it('records what the server said, retries on schedule, and delivers with the same Message-ID every time', async () => {
        const db = database.db;
        const dan = await createSubscriber(db, { mode: 'email', email: 'dan@example.com' }, SYSTEM_ACTOR, { skipConfirmation: true });
        await createIncident(db, { body: 'Looking.', name: 'Mail server down', status: 'investigating', impact: 'major', componentIds: [] }, SYSTEM_ACTOR);
        expect(await fanOutNotifications(db, t0)).toBe(1);
        let [delivery] = await claimDueDeliveries(db, t0);
        expect(delivery.subscriber.id).toBe(dan.id);

        sink.refuse(451);
        try {
          await recordDeliveryOutcome(db, delivery, await sendDelivery(db, delivery, t0), t0, () => 0.5);
        } finally {
          sink.refuse(null);
        }
        const failed = await db.delivery.findUniqueOrThrow({ where: { id: delivery.id } });
        expect(failed).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 451, lastError: 'the mail server said 451 Mailbox temporarily unavailable' });
        expect(failed.nextAttemptAt).toEqual(at(10_000));
        expect(sink.received.filter((mail) => mail.to.includes('dan@example.com'))).toEqual([]);
        expect(await claimDueDeliveries(db, at(9_999))).toEqual([]);

        [delivery] = await claimDueDeliveries(db, at(10_000));
        await recordDeliveryOutcome(db, delivery, await sendDelivery(db, delivery, at(10_000)), at(10_000));
        expect(await db.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: 'delivered', attempts: 2, lastStatus: 250, lastError: null });
        expect(await db.subscriber.findUniqueOrThrow({ where: { id: dan.id } })).toMatchObject({ failingSince: null, quarantinedAt: null });
        const [mail] = await sink.waitFor('dan@example.com');
        expect(mail.parsed.subject).toBe(`[${PAGE_NAME}] Investigating: Mail server down`);
        expect(mail.parsed.messageId).toBe(`<${delivery.id}@status.example.com>`);

        // Sent again, as by a sender that died before recording it: recognisably the same message.
        expect((await sendDelivery(db, delivery, at(20_000))).ok).toBe(true);
        const [, again] = await sink.waitFor('dan@example.com', 2);
        expect(again.parsed.messageId).toBe(mail.parsed.messageId);
        expect(again.parsed.subject).toBe(mail.parsed.subject);
      });
    });
  });
}
