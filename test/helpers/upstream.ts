// A local service for monitors to check, made to fail the ways real ones do: any status, a hang, a
// closed connection, a slow answer, a body; over HTTP or HTTPS with a certificate of the test's choice.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import selfsigned from 'selfsigned';

export type Behaviour =
  | { kind: 'status'; status: number; body?: string; type?: string; delayMs?: number; headers?: Record<string, string> }
  /** Takes the request and never answers. */
  | { kind: 'hang' }
  /** Closes the connection without a byte. */
  | { kind: 'close' };

export interface Upstream {
  url: string;
  port: number;
  /** What it does from now on. */
  set(behaviour: Behaviour): void;
  /** Requests it has received, as "METHOD /path". */
  requests: string[];
  stop(): Promise<void>;
}

export interface UpstreamOptions {
  tls?: { key: string; cert: string };
  /** Called with each request as it arrives, before it is answered (its connection still open). */
  onRequest?: (request: http.IncomingMessage) => void;
}

export async function startUpstream(options: UpstreamOptions = {}): Promise<Upstream> {
  let behaviour: Behaviour = { kind: 'status', status: 200, body: 'ok' };
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  const handler = (request: http.IncomingMessage, response: http.ServerResponse) => {
    requests.push(`${request.method} ${request.url}`);
    options.onRequest?.(request);
    const now = behaviour;
    if (now.kind === 'hang') return;
    if (now.kind === 'close') return void request.socket.destroy();
    const answer = () => {
      response.writeHead(now.status, { 'content-type': now.type ?? 'text/plain', ...now.headers });
      response.end(now.body ?? '');
    };
    if (now.delayMs) setTimeout(answer, now.delayMs);
    else answer();
  };
  const server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    set: (next) => void (behaviour = next),
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A self-signed certificate for 127.0.0.1 valid from `from` to `until`. */
export async function selfSignedCertificate(from: Date, until: Date): Promise<{ key: string; cert: string }> {
  const pems = await selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
    notBeforeDate: from,
    notAfterDate: until,
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  return { key: pems.private, cert: pems.cert };
}

/** A port nothing listens on (taken, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
