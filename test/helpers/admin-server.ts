// A Gatewatch server for browser tests of the admin: a fresh SQLite file in its own folder, the
// owner created at start (a headless install), and Chromium. Registers its start and clean-up.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startGatewatch, type GatewatchProcess } from '@/scripts/lib/gatewatch-process';
import { launchChromium } from './browser';
import { migratedSqliteUrl } from './databases';

export const OWNER = { email: 'owner@example.com', password: 'correct horse battery staple' };

export interface AdminServer {
  server: GatewatchProcess;
  browser: Browser;
}

/**
 * `env` is added to the server's environment; a function is called just before it starts. The SQLite
 * file is already migrated, unless `emptyDatabase` (a first boot migrates it).
 */
export function useAdminServer(
  name: string,
  env: Record<string, string> | (() => Promise<Record<string, string>>) = {},
  options: { emptyDatabase?: boolean } = {},
): AdminServer {
  const fixture = {} as AdminServer;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gatewatch-${name}-`));
  beforeAll(async () => {
    const extra = typeof env === 'function' ? await env() : env;
    // Chromium starts while the server does; each is kept for afterAll even if the other failed.
    const [server, browser] = await Promise.allSettled([
      startGatewatch({
        env: {
          DATABASE_URL: options.emptyDatabase ? `file:${path.join(dir, 'gatewatch.db')}` : migratedSqliteUrl(path.join(dir, 'gatewatch.db')),
          SNAPSHOT_PATH: path.join(dir, 'snapshot.json'),
          AUTH_SECRET_PATH: path.join(dir, 'auth-secret'),
          ADMIN_EMAIL: OWNER.email,
          ADMIN_PASSWORD: OWNER.password,
          ...extra,
        },
      }),
      launchChromium(),
    ]);
    if (server.status === 'fulfilled') fixture.server = server.value;
    if (browser.status === 'fulfilled') fixture.browser = browser.value;
    for (const started of [server, browser]) if (started.status === 'rejected') throw started.reason;
  });
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return fixture;
}

/** Submits the log-in form at `baseUrl`; returns the refusal it shows, or null once on the dashboard. */
export async function tryLogIn(page: Page, baseUrl: string, account: { email: string; password: string }): Promise<string | null> {
  await page.goto(`${baseUrl}/admin/login`);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  const refusal = page.locator('form [role="alert"]');
  await Promise.race([refusal.waitFor(), page.waitForURL(`${baseUrl}/admin`)]);
  return (await refusal.count()) ? refusal.textContent() : null;
}

/** Logs in at `baseUrl` (the server's own address unless given) and waits for the dashboard. */
export async function logIn(page: Page, baseUrl: string, account = OWNER) {
  await page.goto(`${baseUrl}/admin/login`);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${baseUrl}/admin`);
}

/** Sets a component's status on the dashboard `page` shows: its status select, then Set. Returns its form. */
export async function setStatusOnDashboard(page: Page, component: string, status: string) {
  const form = page.getByRole('form', { name: `Set the status of ${component}` });
  await form.getByLabel(`New status of ${component}`).selectOption(status);
  await form.getByRole('button', { name: `Set the status of ${component}` }).click();
  return form;
}

/** Adds an operator with the Operators page's form, as the signed-in `page` (an owner or admin), and waits for it to say so. */
export async function addOperator(page: Page, baseUrl: string, operator: { name: string; email: string; password: string; role: string }) {
  await page.goto(`${baseUrl}/admin/operators`);
  await page.getByLabel('Name').fill(operator.name);
  await page.getByLabel('Email').fill(operator.email);
  await page.getByLabel('Initial password').fill(operator.password);
  await page.getByLabel('Role').selectOption(operator.role);
  await page.getByRole('button', { name: 'Add operator' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain(`Added ${operator.name}`);
}
