// The HTTP measuring tools of `npm run bench`: wrk runs, a response recorded as it came over the
// wire, and the ceiling server replaying recorded responses in its own process.
import { execFileSync, fork, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const CONNECTIONS = 50;
// What browsers and CDNs send; both servers answer with the same compressed bytes.
const REQUEST_HEADERS = { 'accept-encoding': 'br, gzip' };

export interface WrkResult {
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
}

export function requireWrk() {
  if (spawnSync('wrk', ['--version']).error) {
    console.error('npm run bench needs wrk (the HTTP load generator): apt-get install wrk');
    process.exit(1);
  }
}

const toMs = (value: string) => {
  const [, number, unit] = /^([\d.]+)(us|ms|s|m)$/.exec(value.trim()) ?? [];
  if (!number) throw new Error(`cannot read wrk latency ${value}`);
  return Number(number) * ({ us: 0.001, ms: 1, s: 1000, m: 60_000 } as Record<string, number>)[unit];
};

/** One wrk run: 1 thread (the server keeps the other core), 50 connections, keep-alive. */
export function wrk(url: string, seconds: number): WrkResult {
  const headerArgs = Object.entries(REQUEST_HEADERS).flatMap(([name, value]) => ['-H', `${name}: ${value}`]);
  const output = execFileSync('wrk', ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', ...headerArgs, url], {
    encoding: 'utf8',
    timeout: (seconds + 30) * 1000,
  });
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(output);
  const p99 = /\s99%\s+(\S+)/.exec(output);
  if (!rps || !p99) throw new Error(`cannot read wrk output:\n${output}`);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const errors = non2xx + (socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0);
  return { requestsPerSecond: Number(rps[1]), p99Ms: toMs(p99[1]), errors };
}

/** A GET with the bytes as they came over the wire (fetch would decompress them). */
export function getRaw(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** Gatewatch's answer, to be replayed by the ceiling server. */
export async function record(url: string) {
  const response = await getRaw(url, REQUEST_HEADERS);
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (typeof value === 'string' && !['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(name)) headers[name] = value;
  }
  return { status: response.status, headers, body: response.body };
}

/** A bare http server in its own process, answering what Gatewatch answered. */
export async function startCeiling(port: number, fixtures: Record<string, Awaited<ReturnType<typeof record>>>, dir: string) {
  const file = path.join(dir, 'ceiling-fixtures.json');
  const serialisable = Object.fromEntries(
    Object.entries(fixtures).map(([key, fixture]) => [key, { ...fixture, body: fixture.body.toString('base64') }]),
  );
  fs.writeFileSync(file, JSON.stringify(serialisable));
  const child = fork(path.join(ROOT, 'scripts/lib/ceiling-server.ts'), [String(port), file], { execArgv: ['--import', 'tsx'] });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`ceiling server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => void child.kill('SIGTERM') };
}
