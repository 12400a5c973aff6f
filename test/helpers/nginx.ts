// Debian's nginx as a plain process for a test (no systemd, no root-owned paths): its own prefix
// folder with the config, logs and temp files, on free ports the test chooses.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const NGINX_PATH = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

export interface Nginx {
  stop(): Promise<void>;
  /** nginx's error log so far, for a failing test's message. */
  errors(): string;
}

/** The directives that make nginx a reverse proxy passing the client's address on, as operators set it up. */
export const PROXY_HEADERS = `
  proxy_http_version 1.1;
  proxy_set_header Host $http_host;
  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
  proxy_set_header X-Forwarded-Proto $scheme;
  proxy_set_header Connection "";`;

/** Starts nginx with `httpBlock` inside its `http {}`; resolves once every port in `ports` accepts connections. */
export async function startNginx(httpBlock: string, ports: number[]): Promise<Nginx> {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'gatewatch-nginx-'));
  const config = `
daemon off;
master_process off;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${prefix}/client-body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  ${httpBlock}
}
`;
  fs.writeFileSync(path.join(prefix, 'nginx.conf'), config);
  const child: ChildProcess = spawn(NGINX_PATH, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-e', path.join(prefix, 'error.log')], { stdio: 'ignore' });
  const errors = () => (fs.existsSync(path.join(prefix, 'error.log')) ? fs.readFileSync(path.join(prefix, 'error.log'), 'utf8') : '');
  const stop = stopper(child, prefix);
  await untilListening('nginx', child, ports, stop, errors);
  return { stop, errors };
}

export function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Stops `child` (SIGTERM), waits for it to exit, then removes its folder `dir`. */
export function stopper(child: ChildProcess, dir: string): () => Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

/** Resolves once every port accepts connections; if `child` exits first or takes over 15 s, stops it and throws with `log()`. */
export async function untilListening(name: string, child: ChildProcess, ports: number[], stop: () => Promise<void>, log: () => string) {
  const deadline = Date.now() + 15_000;
  for (const port of ports) {
    while (!(await accepts(port))) {
      if (child.exitCode !== null || Date.now() > deadline) {
        const printed = log();
        await stop();
        throw new Error(`${name} did not start on port ${port}: ${printed}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
