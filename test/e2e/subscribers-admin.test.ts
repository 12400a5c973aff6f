// The operators' side of subscribers, in real Chromium against the built server, on each database:
// adding subscribers (a webhook's signing secret shown once), searching and filtering, removing one,
// the delivery log with a delivered and a failing webhook, "Notify subscribers" on the incident and
// maintenance forms, and a role without subscribers.manage kept out. axe-core on each new page.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '@/lib/access/permissions';
import { createDb, type Db } from '@/lib/db/client';
import { createSubscriber } from '@/lib/notifications/manage-subscribers';
import { pageTimeZone, updatePageSettings } from '@/lib/page/page-settings';
import { instantToWallClock } from '@/lib/time';
import { addOperator, logIn, useAdminServer } from '../helpers/admin-server';
import { seriousFindings } from '../helpers/axe';
import { createMigratedDatabaseUrl, dropDatabaseUrl, PROVIDERS } from '../helpers/databases';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const SLACK_KEY = 'xoxbSECRETpart0123456789';

/** An incident's or maintenance's admin page, which a publish opens (not the form's own /new). */
const openedIncident = (url: URL) => /^\/admin\/incidents\/[A-Za-z0-9_-]+$/.test(url.pathname) && !url.pathname.endsWith('/new');

const textOf = async (page: Page, selector: string) => (await page.locator(selector).allTextContents()).join('\n');

/** The text of the first element `selector` finds once it is there; '' until then (for polling). */
const shown = (page: Page, selector: string) => page.locator(selector).first().textContent({ timeout: 1000 }).catch(() => '');

/** axe-core's serious findings on each page, light and dark, desktop and phone; with `screenshots`, PNGs in test-results/ to look at. */
async function checkPages(page: Page, baseUrl: string, paths: Record<string, string>) {
  const findings: Record<string, string[]> = {};
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [viewport, size] of Object.entries({ desktop: DESKTOP, phone: PHONE })) {
      await page.setViewportSize(size);
      for (const [name, path] of Object.entries(paths)) {
        await page.goto(`${baseUrl}${path}`, { waitUntil: 'load' });
        const found = await seriousFindings(page);
        if (found.length) findings[`${name} ${scheme} ${viewport}`] = found;
        // Nothing wider than a phone's screen.
        if (viewport === 'phone') expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `${name} fits a phone`).toBeLessThanOrEqual(0);
      }
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(DESKTOP);
  expect(findings).toEqual({});
}

describe.each(PROVIDERS)('subscribers in the admin on %s', (provider) => {
  let databaseUrl = '';
  let db: Db;
  let smtp: SmtpSink;
  let ok: WebhookReceiver;
  let failing: WebhookReceiver;
  // Registered first, so it runs last: after the server has stopped.
  afterAll(async () => {
    await db?.$disconnect();
    if (databaseUrl) await dropDatabaseUrl(databaseUrl);
    await Promise.all([smtp?.stop(), ok?.stop(), failing?.stop()]);
  });
  const fixture = useAdminServer(`subscribers-${provider}`, async () => {
    databaseUrl = await createMigratedDatabaseUrl(provider);
    [smtp, ok, failing] = await Promise.all([startSmtpSink(), startWebhookReceiver(), startWebhookReceiver()]);
    failing.answer({ status: 500 });
    return { DATABASE_URL: databaseUrl, SMTP_URL: smtp.url };
  });
  let page: Page;
  let secret = '';
  let incidentPath = '';
  beforeAll(async () => {
    db = createDb(databaseUrl);
    page = await fixture.browser.newPage({ viewport: DESKTOP });
    await logIn(page, fixture.server.url);
  });
  const url = (path: string) => `${fixture.server.url}${path}`;
  const addForm = () => page.getByRole('region', { name: 'Add a subscriber' });

  async function addSubscriber(kind: string, target: string, options: { components?: string[]; skipConfirmation?: boolean } = {}) {
    const form = addForm();
    await form.getByLabel('Kind').selectOption({ label: kind });
    await form.getByLabel(kind === 'Email' ? 'Email address' : 'Endpoint URL').fill(target);
    for (const component of options.components ?? []) await form.getByLabel(component, { exact: true }).check();
    if (options.skipConfirmation) await form.getByLabel('Skip the confirmation email').check();
    const outcome = () => shown(page, 'section[aria-labelledby="add-subscriber"] [role="status"]');
    const before = await outcome();
    await form.getByRole('button', { name: 'Add subscriber' }).click();
    await expect.poll(async () => ((await outcome()) !== before ? outcome() : '')).toMatch(/^Added /);
    return (await outcome()) ?? '';
  }

  it('adds a webhook in the form and shows its signing secret once, with how receivers check it', async () => {
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Subscribers' }).click();
    await page.waitForURL(url('/admin/subscribers'));
    expect(await page.getByText('Nobody has subscribed yet.').isVisible()).toBe(true);
    // SMTP_URL is set: email is offered, and no notice says it is off.
    expect(await page.getByText('Email subscriptions are off').count()).toBe(0);
    // No Public URL set yet: the links in what is sent would open only on this machine, and the page says where to set it.
    const localLinks = page.getByRole('note').filter({ hasText: 'only this machine reaches' });
    expect(await localLinks.textContent()).toMatch(/^The links in what subscribers are sent go to http:\/\/localhost:\d+, which only this machine reaches/);
    expect(await localLinks.getByRole('link', { name: 'Settings' }).getAttribute('href')).toBe('/admin/settings');
    expect(await addForm().getByLabel('Kind').locator('option').allTextContents()).toEqual(['Email', 'Webhook', 'Slack', 'Discord', 'Microsoft Teams']);

    // Refused without an endpoint: the field says why.
    await addForm().getByLabel('Kind').selectOption({ label: 'Webhook' });
    await addForm().getByRole('button', { name: 'Add subscriber' }).click();
    await expect.poll(() => shown(page, '#subscriber-endpoint-error')).toMatch(/^The endpoint URL must be an http:\/\/ or https:\/\/ URL/);

    const port = new URL(ok.url).port;
    const added = await addSubscriber('Webhook', `${ok.url}/hooks/ok`);
    expect(added).toContain(`Added the webhook (127.0.0.1:${port}/hooks/…).`);
    expect(added).toContain('Standard Webhooks');
    secret = (await page.getByTestId('webhook-secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    // The list shows it at once, its endpoint as host and path start.
    await expect.poll(() => textOf(page, 'section[aria-labelledby="list"] li')).toContain(`127.0.0.1:${port}/hooks/…`);

    await addSubscriber('Webhook', `${failing.url}/hooks/failing`, { components: ['Website'] });
    expect(await addSubscriber('Slack', `https://hooks.slack.com/services/T000/B000/${SLACK_KEY}`)).toBe('Added the Slack channel hooks.slack.com/services/…: it is sent the next update.');
    expect(await addSubscriber('Email', 'ann@example.com')).toMatch(/^Added ann@example\.com\. A confirmation link is on its way; notifications start once they follow it, by /);
    expect(await addSubscriber('Email', 'bob@example.com', { skipConfirmation: true })).toBe('Added bob@example.com, confirmed: no confirmation email was sent.');

    // The same address again is refused, in words.
    await addForm().getByLabel('Kind').selectOption({ label: 'Email' });
    await addForm().getByLabel('Email address').fill('Bob@Example.com');
    await addForm().getByRole('button', { name: 'Add subscriber' }).click();
    await expect.poll(() => shown(page, 'section[aria-labelledby="add-subscriber"] [role="alert"]')).toBe('bob@example.com is already subscribed; change or remove that subscription instead.');

    // Reloaded, the page shows neither the secret nor a chat endpoint's key.
    await page.reload();
    const html = await page.content();
    expect(html).not.toContain(secret);
    expect(html).not.toContain(SLACK_KEY);
    const failingRow = page.getByRole('listitem', { name: `127.0.0.1:${new URL(failing.url).port}/hooks/…` });
    expect(await failingRow.textContent()).toContain('Website');
    expect(await page.getByRole('listitem', { name: 'bob@example.com' }).textContent()).toMatch(/All components.*Confirmed [A-Z][a-z]{2} \d{1,2}, \d{4}/);

    // Ann waits for her link; a new one right away is refused with the limit's own sentence.
    const ann = page.getByRole('listitem', { name: 'ann@example.com' });
    expect(await ann.textContent()).toMatch(/Waiting for confirmation, link expires /);
    await ann.getByRole('button', { name: 'Resend confirmation to ann@example.com' }).click();
    await expect.poll(() => ann.getByRole('alert').textContent({ timeout: 1000 }).catch(() => '')).toMatch(/^ann@example\.com was sent confirmations recently; try again in \d+ seconds\.$/);
  }, 90_000);

  it('says nothing of the links once the Public URL is an address others reach', async () => {
    const actor = systemActor('Subscribers test');
    const localLinks = () => page.getByRole('note').filter({ hasText: 'only this machine reaches' }).count();
    const before = (await db.page.findFirstOrThrow()).url;
    await updatePageSettings(db, { url: 'https://status.example.com' }, actor);
    await page.goto(url('/admin/subscribers'));
    expect(await localLinks()).toBe(0);
    await updatePageSettings(db, { url: 'http://127.0.0.1:3000' }, actor);
    await page.goto(url('/admin/subscribers'));
    expect(await localLinks()).toBe(1);
    await updatePageSettings(db, { url: before }, actor);
  });

  it('searches by part of an address or endpoint, and filters by kind and state', async () => {
    const rows = () => page.locator('section[aria-labelledby="list"] li').allTextContents();
    const search = page.getByRole('form', { name: 'Search and filter subscribers' });
    await page.goto(url('/admin/subscribers'));
    // The counts: four active (two webhooks, Slack, Bob), Ann waiting.
    const counts = page.getByRole('region', { name: 'How many' });
    expect(await counts.getByRole('link').allTextContents()).toEqual(['4Active', '1Waiting for confirmation', '0Quarantined', 'Email: 2', 'Webhook: 2', 'Slack: 1', 'Discord: 0', 'Microsoft Teams: 0']);

    await search.getByLabel('Address or endpoint').fill('/hooks/fail');
    await search.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/[?&]q=%2Fhooks%2Ffail/);
    expect(await rows()).toEqual([expect.stringContaining('/hooks/…')]);
    expect(await page.getByText('1 subscriber', { exact: false }).first().isVisible()).toBe(true);

    await page.getByRole('link', { name: 'Show all' }).click();
    await page.waitForURL(url('/admin/subscribers'));
    await search.getByLabel('Kind').selectOption({ label: 'Slack' });
    await search.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/[?&]mode=slack/);
    expect(await rows()).toEqual([expect.stringContaining('hooks.slack.com/services/…')]);

    await page.goto(url('/admin/subscribers'));
    await search.getByLabel('State').selectOption({ label: 'Waiting for confirmation' });
    await search.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/[?&]state=unconfirmed/);
    expect(await rows()).toEqual([expect.stringContaining('ann@example.com')]);
    expect(await search.getByLabel('State').inputValue()).toBe('unconfirmed');

    await page.goto(url('/admin/subscribers?state=quarantined&q=nobody'));
    expect(await page.getByText('No subscriber matches.').isVisible()).toBe(true);
  });

  it('logs a delivered webhook and a failing one with its reason; failures only leaves the delivered out', async () => {
    await page.goto(url('/admin/incidents/new'));
    await page.getByLabel('Title').fill('Website answers 502');
    await page.getByLabel('Message to visitors').fill('The website answers 502 Bad Gateway; we are looking into it.');
    await page.getByLabel('Website', { exact: true }).selectOption('major_outage');
    expect(await page.getByLabel('Notify subscribers').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Publish incident' }).click();
    await page.waitForURL(openedIncident);
    incidentPath = new URL(page.url()).pathname;

    // The receiver gets it, signed with the secret the form showed.
    await expect.poll(() => ok.verified(secret).map((request) => request.body.incident?.name), { timeout: 30_000 }).toContain('Website answers 502');

    const okPort = new URL(ok.url).port;
    const failingPort = new URL(failing.url).port;
    const entries = async () => {
      await page.goto(url('/admin/subscribers/deliveries'));
      return page.locator('section[aria-labelledby="log"] li').allTextContents();
    };
    await expect
      .poll(entries, { timeout: 30_000 })
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(new RegExp(`^Incident update: Website answers 502 \\(Investigating\\).* to 127\\.0\\.0\\.1:${okPort}/hooks/… \\(Webhook\\)Delivered `)),
          expect.stringMatching(
            new RegExp(`^Incident update: Website answers 502 \\(Investigating\\).* to 127\\.0\\.0\\.1:${failingPort}/hooks/… \\(Webhook\\)Failing: next attempt .*\\(\\d+ attempts? so far\\)Last error: The receiver answered HTTP 500 Internal Server Error: the receiver failed on its side\\.$`),
          ),
          expect.stringMatching(/^Component status: Website, operational → major outage/),
        ]),
      );
    // Nothing of a confirmation link shows in the log.
    expect(await page.content()).not.toMatch(/subscribe\/confirm\//);

    await page.getByLabel('Failures only').check();
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/[?&]failures=1/);
    const failures = await page.locator('section[aria-labelledby="log"] li').allTextContents();
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.filter((entry) => entry.includes('Delivered'))).toEqual([]);
    expect(failures).toEqual(expect.arrayContaining([expect.stringContaining(`127.0.0.1:${failingPort}/hooks/…`)]));

    // The failing subscriber's own page: its deliveries, each failing with the reason.
    await page.getByRole('link', { name: `127.0.0.1:${failingPort}/hooks/… (Webhook)` }).first().click();
    await page.waitForURL(/\/admin\/subscribers\/[A-Za-z0-9_-]+$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`127.0.0.1:${failingPort}/hooks/…`);
    expect(await page.locator('main dl').textContent()).toMatch(/^FollowsWebsiteState/);
    expect(await textOf(page, 'section[aria-labelledby="log"] li')).toContain('The receiver answered HTTP 500 Internal Server Error');
  }, 90_000);

  it('"Notify subscribers" unticked reaches no receiver and is stored so; ticked, it does', async () => {
    const quietUpdates = async () => (await db.incidentUpdate.findMany({ where: { body: { startsWith: 'Quiet' } }, select: { body: true, deliverNotifications: true } })).map((row) => [row.body, row.deliverNotifications]);

    await page.goto(url('/admin/incidents/new'));
    await page.getByLabel('Title').fill('Quiet incident');
    await page.getByLabel('Message to visitors').fill('Quiet: only for the record.');
    await page.getByLabel('Notify subscribers').uncheck();
    await page.getByRole('button', { name: 'Publish incident' }).click();
    await page.waitForURL(openedIncident);

    await page.goto(url(incidentPath));
    const update = page.getByRole('region', { name: 'Post an update' });
    await update.getByLabel('Message to visitors').fill('Quiet note: still looking.');
    await update.getByLabel('Notify subscribers').uncheck();
    await update.getByRole('button', { name: 'Post update' }).click();
    await expect.poll(() => page.locator('h2#timeline + ol > li').count()).toBe(2);
    // Ticked again for the next one.
    expect(await update.getByLabel('Notify subscribers').isChecked()).toBe(true);
    await update.getByLabel('Message to visitors').fill('Loud note: found it.');
    await update.getByRole('button', { name: 'Post update' }).click();
    await expect.poll(() => page.locator('h2#timeline + ol > li').count()).toBe(3);

    const timeZone = await pageTimeZone(db);
    await page.goto(url('/admin/maintenance/new'));
    await page.getByLabel('Title').fill('Quiet maintenance');
    await page.getByLabel(/^Starts/).fill(instantToWallClock(new Date(Date.now() + 2 * 3600_000), timeZone));
    await page.getByLabel(/^Ends/).fill(instantToWallClock(new Date(Date.now() + 3 * 3600_000), timeZone));
    await page.getByLabel('Message to visitors').fill('Quiet window.');
    await page.getByLabel('Notify subscribers').uncheck();
    await page.getByRole('button', { name: 'Schedule maintenance' }).click();
    await page.waitForURL(openedIncident);

    expect((await quietUpdates()).sort()).toEqual([
      ['Quiet note: still looking.', false],
      ['Quiet window.', false],
      ['Quiet: only for the record.', false],
    ]);
    expect((await db.incidentUpdate.findFirstOrThrow({ where: { body: 'Loud note: found it.' } })).deliverNotifications).toBe(true);

    // A subscriber's notifications arrive in order: once the loud one is in, a quiet one sent would be too.
    const newestBodies = () => ok.verified(secret).map((request) => request.body.incident?.incident_updates?.[0]?.body);
    await expect.poll(newestBodies, { timeout: 30_000 }).toContain('Loud note: found it.');
    expect(newestBodies().filter((body) => body?.startsWith('Quiet'))).toEqual([]);
    expect(ok.verified(secret).filter((request) => /Quiet/.test(request.body.incident?.name ?? ''))).toEqual([]);
  }, 90_000);

  it('shows a quarantined subscriber with why and since when, and its deliveries given up', async () => {
    // Its failures backdated by 4 days and its deliveries due now: the worker's next failure is
    // one more of a failing run longer than 3 days, and quarantines it.
    const subscriber = await db.subscriber.findFirstOrThrow({ where: { endpoint: { startsWith: failing.url } } });
    const longAgo = new Date(Date.now() - 4 * 24 * 3600_000);
    await db.subscriber.update({ where: { id: subscriber.id }, data: { failingSince: longAgo } });
    await db.delivery.updateMany({ where: { subscriberId: subscriber.id, status: 'pending' }, data: { createdAt: longAgo, nextAttemptAt: new Date() } });

    const failingPort = new URL(failing.url).port;
    const quarantined = async () => {
      await page.goto(url('/admin/subscribers/deliveries'));
      return (await page.getByRole('region', { name: 'Quarantined' }).textContent({ timeout: 1000 }).catch(() => '')) ?? '';
    };
    await expect
      .poll(quarantined, { timeout: 40_000, interval: 1000 })
      .toMatch(new RegExp(`127\\.0\\.0\\.1:${failingPort}/hooks/… \\(Webhook\\)Quarantined since .+ UTC: HTTP 500 from 127\\.0\\.0\\.1:${failingPort}/hooks/…, failing since .+ UTC\\. Nothing more is sent to it\\.`));
    expect(await page.locator('section[aria-labelledby="log"]').textContent()).toMatch(/Given up after \d+ attempts?Last error: Not sent: the subscriber was quarantined \(HTTP 500 from 127\.0\.0\.1:\d+\/hooks\/…, failing since .+ UTC\)\./);
    // The stored reason names the whole endpoint; the page never does.
    expect(await page.content()).not.toContain('/hooks/failing');

    await page.goto(url('/admin/subscribers?state=quarantined'));
    expect(await page.locator('section[aria-labelledby="list"] li').allTextContents()).toEqual([expect.stringContaining('Quarantined since')]);
  }, 60_000);

  it('removes a subscriber after a second step that says what removing does', async () => {
    await page.goto(url('/admin/subscribers'));
    const slack = page.getByRole('listitem', { name: 'hooks.slack.com/services/…' });
    await slack.getByText('Remove…').click();
    expect(await slack.getByText('It is sent nothing more, and its delivery log is deleted.').isVisible()).toBe(true);
    await slack.getByRole('button', { name: 'Remove hooks.slack.com/services/… now' }).click();
    await expect
      .poll(() => shown(page, 'section[aria-labelledby="list"] [role="status"]'))
      .toBe('Removed hooks.slack.com/services/…: it is sent nothing more, and its delivery log went with it.');
    expect(await slack.count()).toBe(0);
    expect(await db.subscriber.count({ where: { mode: 'slack' } })).toBe(0);

    // From a subscriber's own page: back to the list, which says so.
    await page.getByRole('link', { name: 'bob@example.com' }).click();
    await page.waitForURL(/\/admin\/subscribers\/[A-Za-z0-9_-]+$/);
    await page.getByText('Remove…').click();
    await page.getByRole('button', { name: 'Remove bob@example.com now' }).click();
    await page.waitForURL(url('/admin/subscribers?removed=1'));
    expect(await page.getByRole('status').first().textContent()).toBe('The subscriber was removed: it is sent nothing more, and its delivery log went with it.');
    expect(await page.getByRole('listitem', { name: 'bob@example.com' }).count()).toBe(0);
  });

  it('pages the list 50 at a time, newest first, keeping the filter', async () => {
    const actor = systemActor('Subscribers test');
    for (let index = 1; index <= 52; index += 1) await createSubscriber(db, { mode: 'webhook', endpoint: `https://hooks.example.net/paging/${index}` }, actor);
    await page.goto(url('/admin/subscribers?q=hooks.example.net'));
    const rows = page.locator('section[aria-labelledby="list"] li');
    expect(await rows.count()).toBe(50);
    expect(await page.getByRole('navigation', { name: 'Subscriber pages' }).textContent()).toContain('Page 1 of 2 · 52 subscribers');
    await page.getByRole('link', { name: 'Older →' }).click();
    await page.waitForURL(/[?&]q=hooks\.example\.net.*page=2/);
    // The two made first are the oldest.
    expect(await rows.count()).toBe(2);
    expect(await page.getByRole('link', { name: 'Newer' }).count()).toBe(1);
  }, 60_000);

  it('adds a subscriber with no script in the page: the field of the kind chosen, and the outcome or the refusal in words', async () => {
    const context = await fixture.browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState(), viewport: DESKTOP });
    const bare = await context.newPage();
    try {
      await bare.goto(url('/admin/subscribers'));
      const form = bare.getByRole('region', { name: 'Add a subscriber' });
      const visible = async () => ({ email: await form.getByLabel('Email address').isVisible(), endpoint: await form.getByLabel('Endpoint URL').isVisible() });
      expect(await visible()).toEqual({ email: true, endpoint: false });
      await form.getByLabel('Kind').selectOption({ label: 'Discord' });
      expect(await visible()).toEqual({ email: false, endpoint: true });
      await form.getByLabel('Endpoint URL').fill('not a url');
      await form.getByRole('button', { name: 'Add subscriber' }).click();
      await expect.poll(() => shown(bare, '#subscriber-endpoint-error')).toMatch(/^The endpoint URL must be an http:\/\/ or https:\/\/ URL/);
      // The page came back with Discord still chosen, and its field.
      expect(await visible()).toEqual({ email: false, endpoint: true });
      await form.getByLabel('Endpoint URL').fill('https://discord.com/api/webhooks/123456/abcdef');
      await form.getByRole('button', { name: 'Add subscriber' }).click();
      await expect.poll(() => shown(bare, 'section[aria-labelledby="add-subscriber"] [role="status"]')).toBe('Added the Discord channel discord.com/api/…: it is sent the next update.');
      expect(await db.subscriber.count({ where: { mode: 'discord' } })).toBe(1);
    } finally {
      await context.close();
      await db.subscriber.deleteMany({ where: { mode: 'discord' } });
    }
  }, 60_000);

  // The pages' markup is the same on either database: checked once.
  if (provider === 'sqlite') it('axe-core finds nothing serious on the new pages, light and dark, desktop and phone', async () => {
    const failingId = (await db.subscriber.findFirstOrThrow({ where: { endpoint: { startsWith: failing.url } } })).id;
    await checkPages(
      page,
      fixture.server.url,
      { list: '/admin/subscribers', deliveries: '/admin/subscribers/deliveries', subscriber: `/admin/subscribers/${failingId}`, update: incidentPath },
    );
  }, 120_000);

  it('a role without subscribers.manage sees no Subscribers entry and is refused on its pages', async () => {
    await addOperator(page, fixture.server.url, { name: 'Eve Editor', email: 'eve@example.com', password: 'editor password 1', role: 'editor' });

    const context = await fixture.browser.newContext();
    const editor = await context.newPage();
    await logIn(editor, fixture.server.url, { email: 'eve@example.com', password: 'editor password 1' });
    const nav = editor.getByRole('navigation', { name: 'Admin' });
    expect(await nav.getByRole('link', { name: 'Incidents' }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'Subscribers' }).count()).toBe(0);
    const subscriberId = (await db.subscriber.findFirstOrThrow()).id;
    for (const path of ['/admin/subscribers', '/admin/subscribers/deliveries', `/admin/subscribers/${subscriberId}`]) {
      await editor.goto(url(path));
      expect(await editor.getByRole('note').textContent()).toBe('Read only: Only owners and admins see and manage subscribers.');
      expect(await editor.locator('main').textContent()).not.toMatch(/example\.com|127\.0\.0\.1/);
    }
    await context.close();
  });
});

// Without SMTP_URL the page says plainly that email is off, and the form offers no email.
describe('subscribers in the admin without a mail server', () => {
  const fixture = useAdminServer('subscribers-no-smtp');

  it('says email subscriptions are off and offers the other kinds only', async () => {
    const page = await fixture.browser.newPage({ viewport: DESKTOP });
    await logIn(page, fixture.server.url);
    await page.goto(`${fixture.server.url}/admin/subscribers`);
    const note = page.getByRole('note').filter({ hasText: 'Email subscriptions are off' });
    expect(await note.textContent()).toMatch(/^Email subscriptions are off: set SMTP_URL to the mail server Gatewatch sends through \(for example smtp:\/\/user:password@mail\.example\.com:587\) and restart Gatewatch\./);
    // At the top: before the counts and the list.
    expect(await page.locator('main > :nth-child(2)').getAttribute('role')).toBe('note');
    const add = page.getByRole('region', { name: 'Add a subscriber' });
    expect(await add.getByLabel('Kind').locator('option').allTextContents()).toEqual(['Webhook', 'Slack', 'Discord', 'Microsoft Teams']);
    expect(await add.getByLabel('Email address').count()).toBe(0);
    await checkPages(page, fixture.server.url, { 'no-smtp': '/admin/subscribers' });
    await page.close();
  }, 60_000);
});
