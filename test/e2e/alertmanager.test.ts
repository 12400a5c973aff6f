// The real Prometheus Alertmanager (Debian's prometheus-alertmanager) posting to Gatewatch through
// its webhook receiver, as an operator would configure it: an alert sent to Alertmanager sets the
// component down on the public page, and its resolution brings it back.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/access/permissions';
import { createApiKey } from '@/lib/api-keys/api-keys';
import { ALERTMANAGER_PATH } from '@/scripts/lib/test-needs';
import { closedPort } from '../helpers/upstream';
import { json, useAdminApiFixture } from '../helpers/admin-api';

describe('Prometheus Alertmanager posting to Gatewatch', () => {
  const fixture = useAdminApiFixture('sqlite', 'alertmanager');
  let dir: string;
  let alertmanager: ChildProcess | undefined;
  let alertmanagerUrl: string;
  let output = '';
  let componentId: string;

  beforeAll(async () => {
    const created = await fixture.call('POST', '/components', { key: fixture.keys.all, body: json({ component: { name: 'Payments' } }) });
    componentId = (await created.json()).id;
    const monitor = await fixture.call('POST', '/monitors', { key: fixture.keys.all, body: json({ monitor: { name: 'Payments alerts', component_id: componentId, type: 'alert', labels: { service: 'payments' } } }) });
    expect(monitor.status).toBe(201);
    const { key } = await createApiKey(fixture.database.db, { name: 'alertmanager', scopes: ['alerts'] }, SYSTEM_ACTOR);

    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatewatch-alertmanager-'));
    // Short waits so a test sees notifications within seconds; resolved ones go out at group_interval.
    const config = {
      route: { receiver: 'gatewatch', group_by: ['alertname', 'service'], group_wait: '1s', group_interval: '1s', repeat_interval: '1h' },
      receivers: [
        {
          name: 'gatewatch',
          webhook_configs: [
            {
              url: `${fixture.server.url}/api/v1/pages/${fixture.pageId}/alerts/alertmanager`,
              send_resolved: true,
              http_config: { authorization: { credentials: key } },
            },
          ],
        },
      ],
    };
    // JSON is YAML: no YAML library needed for the config file.
    fs.writeFileSync(path.join(dir, 'alertmanager.yml'), JSON.stringify(config, null, 2));
    const port = await closedPort();
    alertmanagerUrl = `http://127.0.0.1:${port}`;
    alertmanager = spawn(
      ALERTMANAGER_PATH,
      [`--config.file=${path.join(dir, 'alertmanager.yml')}`, `--storage.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    alertmanager.on('error', (error) => (output += String(error)));
    alertmanager.stdout!.on('data', (chunk) => (output += chunk));
    alertmanager.stderr!.on('data', (chunk) => (output += chunk));
    // expect.poll works only inside a test: a bounded wait of its own.
    for (const deadline = Date.now() + 20_000; (await fetch(`${alertmanagerUrl}/-/ready`).catch(() => null))?.status !== 200; ) {
      if (Date.now() > deadline || alertmanager.exitCode !== null) throw new Error(`Alertmanager did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  afterAll(async () => {
    if (alertmanager && alertmanager.exitCode === null) {
      const exited = new Promise((resolve) => alertmanager!.once('exit', resolve));
      alertmanager.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (alertmanager.exitCode === null) alertmanager.kill('SIGKILL');
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Sends the alert to Alertmanager's API, as Prometheus does, ending at `endsAt`. */
  async function sendAlert(endsAt: Date) {
    const alert = {
      labels: { alertname: 'PaymentsErrors', service: 'payments', severity: 'critical' },
      annotations: { summary: 'Payments answer 502 to 20% of requests' },
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: endsAt.toISOString(),
      generatorURL: 'http://prometheus.example.com/graph',
    };
    const response = await fetch(`${alertmanagerUrl}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([alert]) });
    expect(response.status, await response.text()).toBe(200);
  }
  const publicStatus = async () => (await (await fixture.request('GET', '/api/v2/components.json')).json()).components.find((entry: { id: string }) => entry.id === componentId)?.status;

  it('sets the component down while the alert fires, and back when Alertmanager resolves it', async () => {
    expect(await publicStatus()).toBe('operational');
    await sendAlert(new Date(Date.now() + 3600_000));
    await expect.poll(publicStatus, { timeout: 20_000, interval: 250, message: `Alertmanager's log:\n${output}` }).toBe('major_outage');
    const check = await fixture.database.db.monitorCheck.findFirstOrThrow({ where: { monitor: { componentId } } });
    expect(check).toMatchObject({ ok: false, code: 'alert', detail: 'PaymentsErrors: Payments answer 502 to 20% of requests' });

    // An end in the past resolves it; Alertmanager notifies at the next group_interval.
    await sendAlert(new Date(Date.now() - 1000));
    await expect.poll(publicStatus, { timeout: 20_000, interval: 250, message: `Alertmanager's log:\n${output}` }).toBe('operational');
    expect((await fixture.database.db.monitorCheck.findMany({ where: { monitor: { componentId } }, orderBy: { at: 'asc' } })).map((row) => row.code)).toEqual(['alert', null]);
  });
});
