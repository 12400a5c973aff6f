// One webhook POST against a real local service made to fail: what counts as delivered, and the
// reason an operator reads for what does not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, sendWebhook } from '@/lib/notifications/webhook';
import { closedPort, startUpstream, type Upstream } from '../helpers/upstream';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

describe('sending a webhook', () => {
  let upstream: Upstream;
  let receiver: WebhookReceiver;
  const secret = newWebhookSecret();
  beforeAll(async () => {
    upstream = await startUpstream();
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await upstream?.stop();
    await receiver?.stop();
  });
  const send = (url: string, timeoutMs?: number) => sendWebhook({ url, secret, id: 'dlv1', body: '{"x":1}', timeoutMs });

  it('counts any 2xx as delivered, signed so the receiver can verify it', async () => {
    expect(await send(`${receiver.url}/ok`)).toEqual({ ok: true, status: 200, error: null });
    const [request] = receiver.received;
    expect(new Webhook(secret).verify(request.body, request.headers)).toEqual({ x: 1 });
    expect(request.headers).toMatchObject({ 'webhook-id': 'dlv1', 'content-type': 'application/json' });
    upstream.set({ kind: 'status', status: 202, body: 'x'.repeat(1_000_000) });
    expect(await send(upstream.url)).toEqual({ ok: true, status: 202, error: null });
  });

  it('never follows a redirect, and says where it pointed', async () => {
    upstream.set({ kind: 'status', status: 301, headers: { location: `${receiver.url}/elsewhere` } });
    const outcome = await send(`${upstream.url}/moved`);
    expect(outcome).toMatchObject({ ok: false, status: 301, error: expect.stringContaining(`redirecting to ${receiver.url}/elsewhere`) });
    expect(receiver.received.filter((request) => request.path === '/elsewhere')).toEqual([]);
  });

  it('names the failure in words: a status, no answer in time, a refused connection, a closed one', async () => {
    upstream.set({ kind: 'status', status: 500 });
    expect(await send(upstream.url)).toEqual({ ok: false, status: 500, error: 'HTTP 500' });
    upstream.set({ kind: 'hang' });
    expect(await send(upstream.url, 1000)).toEqual({ ok: false, status: null, error: 'no answer within 1 s' });
    expect(await send(`http://127.0.0.1:${await closedPort()}/`)).toEqual({ ok: false, status: null, error: 'connection refused' });
    upstream.set({ kind: 'close' });
    expect(await send(upstream.url)).toMatchObject({ ok: false, status: null, error: expect.any(String) });
  });
});
