// `next start` on its own, without server.ts. The real server answers the public JSON, badges and
// feeds from memory before Next sees them; their route handlers only answer when Next runs alone,
// so this is the one way to reach them over HTTP.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { freePort, waitForHttp } from '@/scripts/lib/gatewatch-process';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface PlainNext {
  url: string;
  stop(): Promise<void>;
}

/** Runs the production build with `next start` on a free port with `env` added, once /healthz answers. */
export async function startPlainNext(env: Record<string, string>): Promise<PlainNext> {
  const port = await freePort();
  const nextCli = createRequire(import.meta.url).resolve('next/dist/bin/next');
  const child = spawn(process.execPath, [nextCli, 'start', '--hostname', '127.0.0.1', '--port', String(port)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    // Next prints its banner on stdout; errors still show.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const forceKill = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(forceKill);
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await Promise.race([
      waitForHttp(`${url}/healthz`, 60_000),
      exited.then(() => Promise.reject(new Error(`next start exited with ${child.exitCode} before answering`))),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
