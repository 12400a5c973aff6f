// Debian's Caddy and HAProxy as plain processes for a test (no systemd): each with its own config
// file in its own folder, on free ports the test chooses. nginx has its own helper (nginx.ts).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stopper, untilListening } from './nginx';

export const CADDY_PATH = process.env.CADDY_PATH ?? '/usr/bin/caddy';
export const HAPROXY_PATH = process.env.HAPROXY_PATH ?? '/usr/sbin/haproxy';

export interface ProxyProcess {
  stop(): Promise<void>;
  /** What it printed so far, for a failing test's message. */
  output(): string;
}

/** Runs `command` with the config written to `file` in a new folder; resolves once every port accepts. */
async function startProxy(name: string, file: string, config: string, args: (configFile: string) => string[], ports: number[]): Promise<ProxyProcess> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gatewatch-${name}-`));
  const configFile = path.join(dir, file);
  fs.writeFileSync(configFile, config);
  // HOME too: Caddy keeps its state (autosave.json, certificates) there.
  const child = spawn(name === 'caddy' ? CADDY_PATH : HAPROXY_PATH, args(configFile), { cwd: dir, env: { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir }, stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  child.stdout.on('data', (chunk) => (printed += chunk));
  child.stderr.on('data', (chunk) => (printed += chunk));
  const stop = stopper(child, dir);
  await untilListening(name, child, ports, stop, () => printed);
  return { stop, output: () => printed };
}

/** Caddy with `sites` (Caddyfile site blocks) after a global block that turns off its admin API and automatic HTTPS. */
export const startCaddy = (sites: string, ports: number[]) =>
  startProxy('caddy', 'Caddyfile', `{\n\tadmin off\n\tauto_https off\n}\n${sites}\n`, (file) => ['run', '--config', file, '--adapter', 'caddyfile'], ports);

/** HAProxy in the foreground with `config` (its whole haproxy.cfg). */
export const startHaproxy = (config: string, ports: number[]) => startProxy('haproxy', 'haproxy.cfg', config, (file) => ['-db', '-f', file], ports);
