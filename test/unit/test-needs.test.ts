// The first step of `npm test` decides from what it found: fix it (root on Debian) or say plainly
// what is missing and how to get it. A fake machine stands in for apt-get and the database.
import { describe, expect, it, vi } from 'vitest';
import { describeFixes, describeUnmet, ensureTestNeeds, planTestNeeds, type Machine, type Survey } from '@/scripts/lib/test-needs';

const ALL_THERE: Survey = { chromium: true, nginx: true, caddy: true, haproxy: true, alertmanager: true, postgresProblem: null, postgresClusters: ['15'], canAdminister: false };
const POSTGRES_DOWN = { refused: true, message: 'connect ECONNREFUSED 127.0.0.1:5432' };
const BARE_ROOT: Survey = { chromium: false, nginx: false, caddy: false, haproxy: false, alertmanager: false, postgresProblem: POSTGRES_DOWN, postgresClusters: ['13', '15'], canAdminister: true };

/** A machine whose surveys come from `surveys` in turn (the last one repeats); records what is run and said. */
function fakeMachine(surveys: Survey[], failing: string[] = []) {
  const done = { ran: [] as string[], said: [] as string[], waited: 0 };
  const machine: Machine = {
    survey: async () => (surveys.length > 1 ? surveys.shift()! : surveys[0]),
    run: (command, args) => {
      done.ran.push([command, ...args].join(' '));
      if (failing.includes(command)) throw new Error(`${command} failed`);
    },
    say: (line) => done.said.push(line),
    wait: async () => void done.waited++,
  };
  return { machine, done };
}

describe('planTestNeeds', () => {
  it('plans nothing when all is there', () => {
    const plan = planTestNeeds(ALL_THERE);
    expect(plan).toEqual({ install: [], startPostgres: null, cannotFix: [] });
    expect(describeFixes(plan)).toBeNull();
  });

  it('as root on Debian, installs the missing packages and starts the newest local cluster', () => {
    const plan = planTestNeeds(BARE_ROOT, true);
    expect(plan).toEqual({ install: ['chromium', 'nginx', 'caddy', 'haproxy', 'prometheus-alertmanager'], startPostgres: '15', cannotFix: [] });
    expect(describeFixes(plan)).toBe('Tests: installing chromium and nginx and caddy and haproxy and prometheus-alertmanager (apt-get), starting PostgreSQL 15...');
  });

  it('otherwise says what is missing and the command that fixes it', () => {
    const plan = planTestNeeds({ ...BARE_ROOT, nginx: true, caddy: true, haproxy: true, alertmanager: true, canAdminister: false }, true);
    expect(plan.install).toEqual([]);
    expect(plan.startPostgres).toBeNull();
    expect(plan.cannotFix).toHaveLength(2);
    expect(plan.cannotFix[0]).toMatch(/^Chromium is missing at \S+ \(the browser tests drive it\): install it with `sudo apt-get install chromium`, or set CHROMIUM_PATH/);
    expect(plan.cannotFix[1]).toBe('PostgreSQL 15 is installed but not running: start it with `sudo pg_ctlcluster 15 main start`.');
    expect(describeUnmet(plan.cannotFix)).toBe(`npm test cannot run the tests yet:\n- ${plan.cannotFix[0]}\n- ${plan.cannotFix[1]}`);
  });

  it('leaves a Chromium set elsewhere (CHROMIUM_PATH) to the person, even as root', async () => {
    vi.stubEnv('CHROMIUM_PATH', '/opt/chromium/chrome');
    vi.resetModules();
    try {
      const fresh = await import('@/scripts/lib/test-needs');
      const plan = fresh.planTestNeeds({ ...ALL_THERE, chromium: false, canAdminister: true }, true);
      expect(plan.install).toEqual([]);
      expect(plan.cannotFix).toEqual([expect.stringMatching(/^Chromium is missing at \/opt\/chromium\/chrome .* or set CHROMIUM_PATH to where it is\.$/)]);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('says how to get PostgreSQL when none is installed, even as root', () => {
    const plan = planTestNeeds({ ...ALL_THERE, postgresProblem: POSTGRES_DOWN, postgresClusters: [], canAdminister: true }, true);
    expect(plan.startPostgres).toBeNull();
    expect(plan.cannotFix).toEqual([expect.stringContaining('install it with `sudo apt-get install postgresql`')]);
  });

  it('does not start the local cluster for a PostgreSQL elsewhere, nor for one that answers but refuses the user', () => {
    const remote = planTestNeeds({ ...ALL_THERE, postgresProblem: POSTGRES_DOWN, canAdminister: true }, false);
    expect(remote.startPostgres).toBeNull();
    expect(remote.cannotFix).toEqual([expect.stringContaining('ECONNREFUSED')]);
    const refusing = { refused: false, message: 'password authentication failed for user "postgres"' };
    const plan = planTestNeeds({ ...ALL_THERE, postgresProblem: refusing, canAdminister: true }, true);
    expect(plan.startPostgres).toBeNull();
    expect(plan.cannotFix).toEqual([expect.stringMatching(/password authentication failed for user "postgres"\. They need a user .* or TEST_POSTGRES_URL set to one\.$/)]);
  });
});

describe('ensureTestNeeds', () => {
  it('says and runs nothing when all is there', async () => {
    const { machine, done } = fakeMachine([ALL_THERE]);
    expect(await ensureTestNeeds(machine, true)).toEqual([]);
    expect(done).toEqual({ ran: [], said: [], waited: 0 });
  });

  it('installs, starts PostgreSQL, waits until it accepts connections, and goes on', async () => {
    const installed = { ...BARE_ROOT, chromium: true, nginx: true, caddy: true, haproxy: true, alertmanager: true };
    const { machine, done } = fakeMachine([BARE_ROOT, installed, installed, { ...installed, postgresProblem: null }]);
    expect(await ensureTestNeeds(machine, true)).toEqual([]);
    expect(done.said).toEqual(['Tests: installing chromium and nginx and caddy and haproxy and prometheus-alertmanager (apt-get), starting PostgreSQL 15...']);
    expect(done.ran).toEqual(['apt-get update -qq', 'apt-get install -y -qq chromium nginx caddy haproxy prometheus-alertmanager', 'pg_ctlcluster --skip-systemctl-redirect 15 main start']);
    expect(done.waited).toBe(2);
  });

  it('stops with what did not take when apt-get fails', async () => {
    const { machine, done } = fakeMachine([{ ...ALL_THERE, chromium: false, canAdminister: true }], ['apt-get']);
    expect(await ensureTestNeeds(machine, true)).toEqual(['chromium is still missing after `apt-get install chromium` (its message is above).']);
    expect(done.ran).toEqual(['apt-get update -qq']);
  });

  it('gives up on a cluster that never accepts connections', async () => {
    const { machine, done } = fakeMachine([{ ...ALL_THERE, postgresProblem: POSTGRES_DOWN, canAdminister: true }]);
    expect(await ensureTestNeeds(machine, true)).toEqual(['PostgreSQL 15 does not accept connections after `pg_ctlcluster 15 main start`.']);
    expect(done.waited).toBe(30);
  });

  it('returns what it cannot fix without running anything', async () => {
    const { machine, done } = fakeMachine([{ ...BARE_ROOT, canAdminister: false }]);
    const unmet = await ensureTestNeeds(machine, true);
    expect(unmet.map((line) => line.split(' ')[0])).toEqual(['Chromium', 'nginx', 'Caddy', 'HAProxy', 'Prometheus', 'PostgreSQL']);
    expect(done).toEqual({ ran: [], said: [], waited: 0 });
  });
});
