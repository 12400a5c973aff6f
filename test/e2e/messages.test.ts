// Writing to visitors in real Chromium: an operator previews a message with a heading, a list, a
// table, code and a <script>, is told what sanitizing removes, publishes it, and visitors get it
// styled and without the script. The audit log says what happened in words, at the page's local time.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn as logInAt, useAdminServer } from '../helpers/admin-server';

const fixture = useAdminServer('messages');
const logIn = (page: Page) => logInAt(page, fixture.server.url);

const MESSAGE = [
  '## What happened',
  '',
  'Checkout answers **502 Bad Gateway** for some customers.',
  '',
  '- Card payments fail',
  '- Invoices still work',
  '',
  '| Region | Errors | Requests | Latency | Since | Gateway | Status |',
  '|:--|--:|--:|--:|--|--|--|',
  '| Europe-West | 12.5% | 1,204,332 | 2,400 ms | 09:40 | gw-frankfurt-03 | Degraded |',
  '| North-America | 3.1% | 884,120 | 1,100 ms | 09:55 | gw-virginia-01 | Recovering |',
  '',
  '```',
  'curl -I https://checkout.example.com/health',
  '```',
  '',
  '<script>document.title = "pwned"</script><a href="https://example.com" onclick="steal()">Workaround</a>',
].join('\n');

const NOTICE = 'Removed before publishing: a <script> element and an onclick attribute.';

describe('a message to visitors', () => {
  it('is previewed as visitors will see it, with what sanitizing removes, then published styled and without the script', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await logIn(page);
    // The server action the preview calls, seen as the browser sends it.
    const previewActions: string[] = [];
    page.on('request', (request) => {
      const action = request.headers()['next-action'];
      if (action && request.postData()?.includes('What happened')) previewActions.push(action);
    });
    await page.goto(`${fixture.server.url}/admin/incidents/new`);
    await page.getByLabel('Title').fill('Checkout fails for some customers');
    await page.getByLabel('Message to visitors').fill(MESSAGE);

    // The preview: the same renderer and styles as the public page, and the notice.
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('region', { name: 'Preview' });
    await expect.poll(() => preview.getByRole('table').count()).toBe(1);
    expect(await preview.getByRole('columnheader').allTextContents()).toEqual(['Region', 'Errors', 'Requests', 'Latency', 'Since', 'Gateway', 'Status']);
    expect(await preview.getByRole('heading', { name: 'What happened' }).evaluate((heading) => heading.tagName)).toBe('H3');
    expect(await preview.getByRole('status').textContent()).toBe(NOTICE);
    expect(await preview.locator('script, [onclick]').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Hide preview' }).getAttribute('aria-expanded')).toBe('true');
    // It follows the text while open.
    await page.getByLabel('Message to visitors').press('End');
    await page.getByLabel('Message to visitors').pressSequentially('\n\nNext update within the hour.');
    await expect.poll(() => preview.textContent()).toContain('Next update within the hour.');

    await page.getByRole('button', { name: 'Publish incident' }).click();
    await page.waitForURL(/\/admin\/incidents\/[a-z0-9]{12}$/);
    const incidentId = page.url().split('/').at(-1)!;
    // Told again under the published update.
    expect(await page.getByText(NOTICE).count()).toBe(1);

    // Visitors: a heading, a table and code that look like them, and no script.
    const visitor = await fixture.browser.newPage({ viewport: { width: 1280, height: 900 } });
    let dialogs = 0;
    visitor.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    await expect.poll(async () => (await visitor.goto(`${fixture.server.url}/incidents/${incidentId}`))!.status()).toBe(200);
    const body = visitor.locator('section[aria-labelledby="updates"] .prose-update').first();
    expect(await body.getByRole('table').count()).toBe(1);
    const style = (locator: ReturnType<Page['locator']>) =>
      locator.evaluate((element) => {
        const computed = getComputedStyle(element);
        return { fontSize: parseFloat(computed.fontSize), fontWeight: Number(computed.fontWeight), border: `${computed.borderTopWidth} ${computed.borderTopStyle}`, background: computed.backgroundColor, listStyle: computed.listStyleType };
      });
    const text = await style(body.locator('p').first());
    const heading = await style(body.locator('h3'));
    expect(heading.fontSize).toBeGreaterThan(text.fontSize);
    expect(heading.fontWeight).toBeGreaterThanOrEqual(600);
    expect((await style(body.locator('th').first())).border).toBe('1px solid');
    expect((await style(body.locator('td').first())).border).toBe('1px solid');
    expect((await style(body.locator('pre'))).background).not.toBe('rgba(0, 0, 0, 0)');
    expect((await style(body.locator('ul'))).listStyle).toBe('disc');
    expect(await body.locator('script, [onclick]').count()).toBe(0);
    expect(await visitor.title()).not.toBe('pwned');
    expect(await (await fetch(`${fixture.server.url}/incidents/${incidentId}`)).text()).not.toContain('steal()');
    expect(dialogs).toBe(0);

    // On a phone the wide table scrolls inside its box; the page itself does not.
    await visitor.setViewportSize({ width: 390, height: 844 });
    const box = body.locator('.table-scroll');
    expect(await box.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
    expect(await visitor.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await visitor.close();

    // The preview asked the server, as this operator: anyone else is refused the rendering.
    expect(previewActions.length).toBeGreaterThan(0);
    const anonymous = await fetch(`${fixture.server.url}/admin/incidents/new`, {
      method: 'POST',
      headers: { 'next-action': previewActions[0], 'content-type': 'text/plain;charset=UTF-8', origin: fixture.server.url, accept: 'text/x-component' },
      body: JSON.stringify(['## Secret heading']),
      redirect: 'manual',
    });
    expect(await anonymous.text()).not.toContain('<h3>');
    expect(anonymous.headers.get('x-action-redirect') ?? anonymous.headers.get('location')).toMatch(/\/admin\/login/);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('refuses to preview a message too long to publish, in words', async () => {
    const page = await fixture.browser.newPage();
    await logIn(page);
    await page.goto(`${fixture.server.url}/admin/incidents/new`);
    await page.getByLabel('Message to visitors').fill('x'.repeat(20_001));
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Preview' }).getByRole('status').textContent()).toBe('The message must be at most 20,000 characters.');
    await page.close();
  });

  it('links the 502 template to the page’s support address', async () => {
    const page = await fixture.browser.newPage();
    await logIn(page);
    await page.goto(`${fixture.server.url}/admin/incidents/new?template=502-bad-gateway`);
    await page.getByRole('button', { name: 'Preview' }).click();
    const link = page.getByRole('region', { name: 'Preview' }).getByRole('link', { name: 'contact our support' });
    await expect.poll(() => link.count()).toBe(1);
    // The demo page's support address.
    expect(await link.getAttribute('href')).toBe('mailto:support@example.com');
    expect(await page.getByRole('region', { name: 'Preview' }).getByRole('status').textContent()).toBe('');
    await page.close();
  });
});

describe('the audit log and API keys', () => {
  it('say what happened in words, at the page’s local time with its zone named', async () => {
    const page = await fixture.browser.newPage();
    await logIn(page);
    // Tokyo: 9 hours ahead of UTC all year, so the local time is plain arithmetic.
    await page.goto(`${fixture.server.url}/admin/settings`);
    await page.getByLabel('Time zone').selectOption('Asia/Tokyo');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Saved');

    // An update on the incident the demo opens, through the form.
    await page.goto(`${fixture.server.url}/admin`);
    await page.getByRole('link', { name: 'Elevated 502 Bad Gateway errors on the Public API' }).click();
    await page.getByLabel('Status', { exact: true }).selectOption('monitoring');
    await page.getByLabel('Message to visitors').fill('A fix is out; we are watching.');
    await page.getByRole('button', { name: 'Post update' }).click();
    await expect.poll(() => page.locator('h2#timeline + ol > li').count()).toBe(4);

    await page.goto(`${fixture.server.url}/admin/audit?kind=incident`);
    expect(await page.getByRole('columnheader').first().textContent()).toBe('When (Asia/Tokyo)');
    const row = page.locator('tbody tr').first();
    expect(await row.textContent()).toContain('Posted an update on "Elevated 502 Bad Gateway errors on the Public API": Identified → Monitoring');
    expect(await row.textContent()).not.toMatch(/Posted a |identified update|[a-z0-9]{12}/);
    await expectLocalTime(row.locator('time'));

    await page.goto(`${fixture.server.url}/admin/api-keys`);
    await page.getByLabel('Name').fill('deploy-bot');
    await page.getByRole('checkbox', { name: /^incidents/ }).check();
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByTestId('new-api-key').waitFor();
    await page.reload();
    expect(await page.getByText('Times in Asia/Tokyo.').count()).toBe(1);
    const key = page.getByRole('listitem').filter({ hasText: 'deploy-bot' });
    expect(await key.textContent()).toContain('last used never');
    await expectLocalTime(key.locator('time'));
    await page.close();
  }, 60_000);
});

/** The element shows its `datetime` as the wall-clock time in Tokyo (UTC+9), named. */
async function expectLocalTime(time: ReturnType<Page['locator']>) {
  const instant = new Date((await time.getAttribute('datetime'))!);
  const local = new Date(instant.getTime() + 9 * 3_600_000);
  const clock = `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
  const shown = (await time.textContent())!;
  expect(shown).toContain(clock);
  expect(shown).toMatch(/GMT\+9$/);
  expect(shown).toContain(String(local.getUTCDate()));
}
