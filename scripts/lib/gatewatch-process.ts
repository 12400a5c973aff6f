// Starts the production server (server.ts) as a child process: for the browser tests and the benchmark.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface GatewatchProcess {
  url: string;
  child: ChildProcess;
  /** What the process has printed so far, when started with `captureOutput`. */
  output(): string;
  /** Sends SIGTERM and waits for the process to exit. */
  stop(): Promise<void>;
}

/** Polls `url` until it answers 2xx, or throws after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** A port nothing listens on now: a fixed or random one may belong to another service on the machine. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * `npm start`'s environment settings (`NAME=value` before `node`), node flags and script, read from
 * package.json, so tests run the server as it runs.
 */
function startCommand(): { env: Record<string, string>; args: string[] } {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const words = scripts.start.split(/\s+/);
  const env: Record<string, string> = {};
  while (/^[A-Za-z_]\w*=/.test(words[0] ?? '')) {
    const [name, ...value] = words.shift()!.split('=');
    env[name] = value.join('=');
  }
  const [command, ...args] = words;
  if (command !== 'node') throw new Error(`package.json's start script should run node, not ${command}`);
  return { env, args };
}

/**
 * Runs `server.ts` on 127.0.0.1:`port` (a free one when not given) with `env` added, once `/healthz`
 * answers. `captureOutput` keeps what it prints (its logs, with LOG_LEVEL set in `env`) for `output()`.
 */
export async function startGatewatch(options: { port?: number; env: Record<string, string>; timeoutMs?: number; captureOutput?: boolean }): Promise<GatewatchProcess> {
  const port = options.port ?? (await freePort());
  const start = startCommand();
  const env = { ...process.env, ...start.env, LOG_LEVEL: 'silent', ...options.env, PORT: String(port), HOST: '127.0.0.1' };
  // Not the test runner's NODE_ENV: the server runs as `npm start` runs it.
  if (!('NODE_ENV' in options.env)) Reflect.deleteProperty(env, 'NODE_ENV');
  const child = spawn(process.execPath, start.args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', options.captureOutput ? 'pipe' : 'inherit', options.captureOutput ? 'pipe' : 'inherit'],
  });
  let printed = '';
  child.stdout?.on('data', (chunk) => (printed += chunk));
  child.stderr?.on('data', (chunk) => (printed += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    // A client holding a connection open must not keep a test or the benchmark waiting.
    const forceKill = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(forceKill);
  };
  try {
    await Promise.race([
      waitForHttp(`${url}/healthz`, options.timeoutMs ?? 90_000),
      exited.then(() => Promise.reject(new Error(`server.ts exited with ${child.exitCode} before answering`))),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, child, stop, output: () => printed };
}
