// A webhook receiver for tests: a local HTTP server that records every request (headers and the raw
// body) and answers as told: a status, after a delay. Signatures are checked with the Standard
// Webhooks library, as a subscriber's own code would.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  path: string;
  headers: Record<string, string>;
  body: string;
  at: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** How the next requests are answered: a status (200 unless told) with `headers`, after `delayMs`. */
  answer(how: { status?: number; delayMs?: number; headers?: Record<string, string> }): void;
  /** Those with a signature that `secret` verifies, their bodies parsed; throws on one that it does not. */
  verified(secret: string, path?: string): { id: string; body: Record<string, any> }[];
  stop(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let how: { status: number; delayMs: number; headers: Record<string, string> } = { status: 200, delayMs: 0, headers: {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const answer = { ...how };
      setTimeout(() => {
        // Recorded when answered, whether or not the sender still waits (one that died meanwhile sends it again: a repeat).
        received.push({ path: req.url ?? '/', headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
        res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers }).end('ok');
      }, answer.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    answer: (next) => void (how = { status: next.status ?? 200, delayMs: next.delayMs ?? 0, headers: next.headers ?? {} }),
    verified(secret, path) {
      const webhook = new Webhook(secret);
      return received
        .filter((request) => path === undefined || request.path === path)
        .map((request) => ({ id: request.headers['webhook-id'], body: webhook.verify(request.body, request.headers) as Record<string, any> }));
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
