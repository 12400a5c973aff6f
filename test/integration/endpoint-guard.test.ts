// The endpoint guard against this machine's own resolver and a real local receiver: what the public
// form is told when an endpoint is not a public address, and a send to one refused on connecting,
// whether the URL names the address or a host name that resolves to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { checkPublicEndpoint } from '@/lib/notifications/endpoint-guard';
import { newWebhookSecret, sendWebhook } from '@/lib/notifications/webhook';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

const REFUSED = /^refused: the endpoint resolves to a private address \((127\.0\.0\.1|::1)\)$/;

describe('the endpoint guard', () => {
  let receiver: WebhookReceiver;
  let port: string;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    port = new URL(receiver.url).port;
  });
  afterAll(() => receiver?.stop());

  async function refusal(url: string): Promise<AppError> {
    const error = await checkPublicEndpoint(url).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error, url).toBeInstanceOf(AppError);
    return error as AppError;
  }

  it('tells the form, in a sentence on the endpoint field, why an endpoint is refused', async () => {
    for (const [url, words] of [
      ['https://127.0.0.1/hook', 'The endpoint is 127.0.0.1, which is not a public internet address'],
      ['https://[::1]:8443/hook', 'The endpoint is ::1, which is not a public internet address'],
      ['http://169.254.169.254/latest/meta-data/', 'The endpoint is 169.254.169.254'],
      ['https://[::ffff:10.0.0.1]/hook', 'The endpoint is 10.0.0.1,'],
      ['http://localhost:1/hook', 'The endpoint resolves to '],
      ['https://nothing-here.invalid/hook', 'The endpoint’s host name, nothing-here.invalid, does not exist; check the URL.'],
      ['not a url', 'That endpoint is not a URL'],
    ]) {
      const error = await refusal(url);
      expect(error.code, url).toBe('invalid_field');
      expect(error.message, url).toContain(words);
      expect(error.details, url).toEqual([{ field: 'endpoint' }]);
    }
    // A public address is let through without asking anyone (a name would need this machine's DNS to reach out).
    await expect(checkPublicEndpoint('https://93.184.216.34/hook')).resolves.toBeUndefined();
    await expect(checkPublicEndpoint('https://[2606:4700:4700::1111]/hook')).resolves.toBeUndefined();
  });

  it('refuses a send to a private address when connecting, by address or by a name resolving to one; unguarded sends go through', async () => {
    const send = (host: string, publicOnly: boolean) => sendWebhook({ url: `http://${host}:${port}/guarded`, secret: newWebhookSecret(), id: 'dlv1', body: '{}', publicOnly });
    for (const host of ['127.0.0.1', 'localhost', '[::ffff:127.0.0.1]']) {
      expect(await send(host, true), host).toEqual({ ok: false, status: null, error: expect.stringMatching(REFUSED) });
    }
    expect(receiver.received).toEqual([]);
    expect(await send('127.0.0.1', false)).toEqual({ ok: true, status: 200, error: null });
    expect(receiver.received).toHaveLength(1);
  });
});
