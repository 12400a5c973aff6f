// A headless install (the owner made from ADMIN_EMAIL at start), used at once without a restart: every
// refused log-in and password change gets its message, the lock engages, and an API key shrinks with
// the role of the operator who made it. The server's and Next's copies of lib/ must agree for this.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, OWNER, tryLogIn as tryLogInAt, useAdminServer } from '../helpers/admin-server';

// On an empty file: a first boot migrates it, then makes the owner.
const fixture = useAdminServer('headless', {}, { emptyDatabase: true });
const tryLogIn = (page: Page, account: { email: string; password: string }) => tryLogInAt(page, fixture.server.url, account);
const GRACE = { name: 'Grace Hopper', email: 'grace@example.com', password: 'cobol forever and ever' };

/** The owner's page for changing `GRACE`: role or disable, by the buttons in her row. */
async function changeGrace(owner: Page, change: { role: string } | 'disable') {
  await owner.goto(`${fixture.server.url}/admin/operators`);
  const row = owner.getByRole('listitem', { name: GRACE.name });
  if (change === 'disable') {
    await row.getByRole('button', { name: `Disable ${GRACE.name}` }).click();
  } else {
    await row.getByLabel(`Role of ${GRACE.name}`).selectOption(change.role);
    await row.getByRole('button', { name: 'Change role' }).click();
  }
  await row.getByRole('status').waitFor();
}

async function api(method: string, path: string, key: string, body?: unknown) {
  const response = await fetch(`${fixture.server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

describe('a headless first boot', () => {
  it('refuses a wrong password and a wrong current password with their messages', async () => {
    const page = await fixture.browser.newPage();
    expect(await tryLogIn(page, { email: OWNER.email, password: 'not the password' })).toBe('Wrong email or password.');
    await logIn(page, fixture.server.url);
    await page.goto(`${fixture.server.url}/admin/account`);
    await page.getByLabel('Current password').fill('not my password either');
    await page.getByLabel('New password').fill('a new password of mine');
    await page.getByRole('button', { name: 'Change password' }).click();
    expect(await page.locator('form [role="alert"]').textContent()).toBe('Your current password is not right.');
    await page.close();
  });

  it('holds an API key to its maker’s current role, and tells a disabled operator why', async () => {
    const owner = await fixture.browser.newPage();
    await logIn(owner, fixture.server.url);
    await owner.goto(`${fixture.server.url}/admin/operators`);
    await owner.getByLabel('Name').fill(GRACE.name);
    await owner.getByLabel('Email').fill(GRACE.email);
    await owner.getByLabel('Initial password').fill(GRACE.password);
    await owner.getByLabel('Role').selectOption('admin');
    await owner.getByRole('button', { name: 'Add operator' }).click();
    await owner.getByRole('listitem', { name: GRACE.name }).waitFor();

    // Grace, an admin, makes a key with every scope.
    const grace = await fixture.browser.newContext().then((context) => context.newPage());
    await logIn(grace, fixture.server.url, GRACE);
    await grace.goto(`${fixture.server.url}/admin/api-keys`);
    await grace.getByLabel('Name').fill('grace-bot');
    await grace.getByRole('checkbox', { name: /^admin/ }).check();
    await grace.getByRole('button', { name: 'Create key' }).click();
    const key = (await grace.getByTestId('new-api-key').textContent())!.trim();
    const [page] = (await api('GET', '/api/v1/pages', key)).body;
    expect((await api('PATCH', `/api/v1/pages/${page.id}`, key, { page: { name: 'Renamed by Grace' } })).status).toBe(200);

    // Demoted to viewer: the key may read, and nothing else.
    await changeGrace(owner, { role: 'viewer' });
    const rename = await api('PATCH', `/api/v1/pages/${page.id}`, key, { page: { name: 'Renamed again' } });
    expect(rename.status).toBe(403);
    expect(rename.body.error.message).toContain('now has the viewer role');
    expect((await api('POST', `/api/v1/pages/${page.id}/components`, key, { component: { name: 'Sneaky' } })).status).toBe(403);
    expect((await api('POST', `/api/v1/pages/${page.id}/incidents`, key, { incident: { name: 'Sneaky' } })).status).toBe(403);
    expect((await api('GET', `/api/v1/pages/${page.id}/incidents`, key)).status).toBe(200);
    const components = (await api('GET', `/api/v1/pages/${page.id}/components`, key)).body;
    const cdn = components.find((component: { name: string }) => component.name === 'CDN');

    // An editor again: component status, not the page's structure.
    await changeGrace(owner, { role: 'editor' });
    expect((await api('PATCH', `/api/v1/pages/${page.id}/components/${cdn.id}`, key, { component: { status: 'degraded_performance' } })).status).toBe(200);
    expect((await api('PATCH', `/api/v1/pages/${page.id}/components/${cdn.id}`, key, { component: { name: 'Renamed CDN' } })).status).toBe(403);
    const settings = (await api('GET', `/api/v1/pages/${page.id}`, key)).body;
    expect(settings.name).toBe('Renamed by Grace');

    // Disabled: told so at log-in, and the key stops.
    await changeGrace(owner, 'disable');
    const again = await fixture.browser.newPage();
    expect(await tryLogIn(again, GRACE)).toBe('This account is disabled; ask an owner or admin.');
    expect((await api('GET', '/api/v1/pages', key)).status).toBe(401);
    await Promise.all([owner.close(), grace.close(), again.close()]);
  }, 60_000);

  it('locks an account after five wrong passwords, even against the right one', async () => {
    const page = await fixture.browser.newPage();
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await tryLogIn(page, { email: OWNER.email, password: `wrong guess ${attempt}` }), `attempt ${attempt}`).toBe('Wrong email or password.');
    }
    expect(await tryLogIn(page, OWNER)).toMatch(/^Too many failed attempts\. Try again in 5 minutes\.$/);
    await page.close();
  }, 60_000);
});
