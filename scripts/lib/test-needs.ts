// What `npm test` needs from the machine beyond node_modules: Chromium (browser tests), nginx, Caddy
// and HAProxy (proxy and error-page tests), Prometheus Alertmanager (the alert intake's end-to-end test) and PostgreSQL (integration tests on both databases). The decisions are plain functions of
// what was found, so a unit test can check them without touching apt-get or the database.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import pg from 'pg';

/** Where the tests look for each: the same variables and defaults as test/helpers. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const NGINX_PATH = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
export const CADDY_PATH = process.env.CADDY_PATH ?? '/usr/bin/caddy';
export const HAPROXY_PATH = process.env.HAPROXY_PATH ?? '/usr/sbin/haproxy';
export const ALERTMANAGER_PATH = process.env.ALERTMANAGER_PATH ?? '/usr/bin/prometheus-alertmanager';
export const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface Survey {
  chromium: boolean;
  nginx: boolean;
  caddy: boolean;
  haproxy: boolean;
  alertmanager: boolean;
  /** null when the tests' PostgreSQL accepted a connection; otherwise why not. */
  postgresProblem: null | { refused: boolean; message: string };
  /** Versions with a `main` cluster in /etc/postgresql (Debian's layout); empty when none is installed. */
  postgresClusters: string[];
  /** Root on Debian with apt-get: this script may install packages and start the cluster itself. */
  canAdminister: boolean;
}

export interface Plan {
  /** Debian packages to install with apt-get. */
  install: string[];
  /** The PostgreSQL version whose `main` cluster to start, or null. */
  startPostgres: string | null;
  /** What this script cannot fix, each with how to fix it. Empty when the plan covers everything. */
  cannotFix: string[];
}

/** The tests use this machine's default cluster, the one `pg_ctlcluster` can start. */
const POSTGRES_LOCAL = ['127.0.0.1', 'localhost'].includes(new URL(POSTGRES_URL).hostname) && ['', '5432'].includes(new URL(POSTGRES_URL).port);

/** What to do about what `survey` found; `postgresLocal`: the tests' PostgreSQL is this machine's default cluster. */
export function planTestNeeds(survey: Survey, postgresLocal = POSTGRES_LOCAL): Plan {
  const plan: Plan = { install: [], startPostgres: null, cannotFix: [] };
  // The Debian package puts each where the tests look by default; a path set elsewhere is the person's to fill.
  const missing: [boolean, string, boolean, string, string][] = [
    [survey.chromium, 'chromium', CHROMIUM_PATH === '/usr/bin/chromium', `Chromium is missing at ${CHROMIUM_PATH} (the browser tests drive it)`, 'CHROMIUM_PATH'],
    [survey.nginx, 'nginx', NGINX_PATH === '/usr/sbin/nginx', `nginx is missing at ${NGINX_PATH} (the proxy tests start it)`, 'NGINX_PATH'],
    [survey.caddy, 'caddy', CADDY_PATH === '/usr/bin/caddy', `Caddy is missing at ${CADDY_PATH} (the error-page tests start it)`, 'CADDY_PATH'],
    [survey.haproxy, 'haproxy', HAPROXY_PATH === '/usr/sbin/haproxy', `HAProxy is missing at ${HAPROXY_PATH} (the error-page tests start it)`, 'HAPROXY_PATH'],
    [
      survey.alertmanager,
      'prometheus-alertmanager',
      ALERTMANAGER_PATH === '/usr/bin/prometheus-alertmanager',
      `Prometheus Alertmanager is missing at ${ALERTMANAGER_PATH} (the alert intake test starts it)`,
      'ALERTMANAGER_PATH',
    ],
  ];
  for (const [present, debianPackage, debianPath, what, variable] of missing) {
    if (present) continue;
    if (survey.canAdminister && debianPath) plan.install.push(debianPackage);
    else plan.cannotFix.push(`${what}: install it with \`sudo apt-get install ${debianPackage}\`, or set ${variable} to where it is.`);
  }
  const postgres = planPostgres(survey, postgresLocal);
  if (typeof postgres === 'string') plan.cannotFix.push(postgres);
  else plan.startPostgres = postgres?.start ?? null;
  return plan;
}

/** Nothing to do (null), the cluster to start, or what to tell the person running the tests. */
function planPostgres({ postgresProblem: problem, postgresClusters, canAdminister }: Survey, postgresLocal: boolean): null | { start: string } | string {
  const url = describeUrl(POSTGRES_URL);
  if (!problem) return null;
  if (!problem.refused)
    return `The tests could not use PostgreSQL at ${url}: ${problem.message}. They need a user that may create databases without a password (\`trust\` for 127.0.0.1 in pg_hba.conf), or TEST_POSTGRES_URL set to one.`;
  if (!postgresLocal) return `Nothing answers at ${url} (${problem.message}): start that PostgreSQL, or set TEST_POSTGRES_URL to one the tests may create databases on.`;
  const newest = postgresClusters.at(-1);
  if (newest && canAdminister) return { start: newest };
  if (newest) return `PostgreSQL ${newest} is installed but not running: start it with \`sudo pg_ctlcluster ${newest} main start\`.`;
  return 'PostgreSQL is neither running on 127.0.0.1:5432 nor installed here: install it with `sudo apt-get install postgresql` and let user postgres connect from 127.0.0.1 without a password (`trust` in pg_hba.conf), or set TEST_POSTGRES_URL to a server the tests may create databases on.';
}

/** The one line said before fixing things, or null when there is nothing to fix. */
export function describeFixes(plan: Plan): string | null {
  const fixes = [
    ...(plan.install.length ? [`installing ${plan.install.join(' and ')} (apt-get)`] : []),
    ...(plan.startPostgres ? [`starting PostgreSQL ${plan.startPostgres}`] : []),
  ];
  return fixes.length ? `Tests: ${fixes.join(', ')}...` : null;
}

/** The message `npm test` stops with when some needs are still unmet. */
export function describeUnmet(cannotFix: string[]): string {
  return ['npm test cannot run the tests yet:', ...cannotFix.map((line) => `- ${line}`)].join('\n');
}

/** The URL without a password, for a message. */
function describeUrl(url: string) {
  const parsed = new URL(url);
  parsed.password = '';
  return parsed.toString();
}

/** Looks at this machine. */
export async function surveyTestNeeds(): Promise<Survey> {
  return {
    chromium: isExecutable(CHROMIUM_PATH),
    nginx: isExecutable(NGINX_PATH),
    caddy: isExecutable(CADDY_PATH),
    haproxy: isExecutable(HAPROXY_PATH),
    alertmanager: isExecutable(ALERTMANAGER_PATH),
    postgresProblem: await tryPostgres(),
    postgresClusters: listPostgresClusters(),
    canAdminister: process.getuid?.() === 0 && fs.existsSync('/etc/debian_version') && isExecutable('/usr/bin/apt-get'),
  };
}

function isExecutable(file: string) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function tryPostgres(): Promise<Survey['postgresProblem']> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  // An error after connecting (the server going away) must not crash the check.
  client.on('error', () => {});
  try {
    await client.connect();
    return null;
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { refused: code === 'ECONNREFUSED' || code === 'ENOENT' || code === '57P03', message: (error as Error).message };
  } finally {
    await client.end().catch(() => {});
  }
}

function listPostgresClusters(): string[] {
  if (!fs.existsSync('/etc/postgresql')) return [];
  return fs
    .readdirSync('/etc/postgresql')
    .filter((version) => fs.existsSync(`/etc/postgresql/${version}/main`))
    .sort((a, b) => Number(a) - Number(b));
}

export interface Machine {
  survey(): Promise<Survey>;
  /** Runs a command, throwing when it fails. */
  run(command: string, args: string[]): void;
  say(line: string): void;
  wait(ms: number): Promise<void>;
}

export const THIS_MACHINE: Machine = {
  survey: surveyTestNeeds,
  run: (command, args) =>
    // apt-get's progress is noise; its errors (on stderr) are what an operator needs.
    void execFileSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }),
  say: (line) => console.log(line),
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Fixes what it may and returns what is still unmet (empty when the tests can run). Says one line
 * before fixing anything, nothing when all is there.
 */
export async function ensureTestNeeds(machine: Machine, postgresLocal = POSTGRES_LOCAL): Promise<string[]> {
  const plan = planTestNeeds(await machine.survey(), postgresLocal);
  const fixes = describeFixes(plan);
  if (!fixes) return plan.cannotFix;
  machine.say(fixes);
  const failedToo = ' (its message is above)';
  let installFailed = '';
  if (plan.install.length) {
    try {
      machine.run('apt-get', ['update', '-qq']);
      machine.run('apt-get', ['install', '-y', '-qq', ...plan.install]);
    } catch {
      installFailed = failedToo;
    }
  }
  let startFailed = '';
  if (plan.startPostgres) {
    try {
      machine.run('pg_ctlcluster', ['--skip-systemctl-redirect', plan.startPostgres, 'main', 'start']);
      // The cluster takes a moment to accept connections after pg_ctlcluster returns.
      for (let attempt = 0; attempt < 30 && (await machine.survey()).postgresProblem; attempt++) await machine.wait(1000);
    } catch {
      startFailed = failedToo;
    }
  }
  // A second look: whatever it still wants to fix did not take.
  const after = planTestNeeds(await machine.survey(), postgresLocal);
  return [
    ...after.cannotFix,
    ...after.install.map((debianPackage) => `${debianPackage} is still missing after \`apt-get install ${debianPackage}\`${installFailed}.`),
    ...(after.startPostgres ? [`PostgreSQL ${after.startPostgres} does not accept connections after \`pg_ctlcluster ${after.startPostgres} main start\`${startFailed}.`] : []),
  ];
}
