// Behind nginx with TRUST_PROXY=true, log-in throttling counts the address nginx saw, not the
// X-Forwarded-For entries a guesser writes: changing them neither escapes the lock nor moves it
// onto someone else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@/scripts/lib/gatewatch-process';
import { OWNER, tryLogIn, useAdminServer } from '../helpers/admin-server';
import { PROXY_HEADERS, startNginx, type Nginx } from '../helpers/nginx';

// Another visitor, as nginx would see one coming from 192.0.2.50.
const OTHER_VISITOR = '192.0.2.50';
const fixture = useAdminServer('trusted-proxy', { TRUST_PROXY: 'true' });
let nginx: Nginx;
let guesserUrl: string;
let otherVisitorUrl: string;

beforeAll(async () => {
  const [guesserPort, otherPort] = [await freePort(), await freePort()];
  const upstream = new URL(fixture.server.url).host;
  nginx = await startNginx(
    `server { listen 127.0.0.1:${guesserPort}; location / { proxy_pass http://${upstream}; ${PROXY_HEADERS} } }
     server { listen 127.0.0.1:${otherPort}; location / { proxy_pass http://${upstream}; ${PROXY_HEADERS} proxy_set_header X-Forwarded-For ${OTHER_VISITOR}; } }`,
    [guesserPort, otherPort],
  );
  guesserUrl = `http://127.0.0.1:${guesserPort}`;
  otherVisitorUrl = `http://127.0.0.1:${otherPort}`;
});

afterAll(async () => {
  await nginx?.stop();
});

describe('behind a trusted proxy', () => {
  it('locks the guesser’s own address however they fill in X-Forwarded-For, and nobody else’s', async () => {
    const guesser = await fixture.browser.newPage();
    // Twenty wrong passwords for twenty accounts, each claiming another address (the other visitor's among them).
    for (let attempt = 1; attempt <= 20; attempt++) {
      await guesser.setExtraHTTPHeaders({ 'x-forwarded-for': attempt % 2 ? `198.51.100.${attempt}` : OTHER_VISITOR });
      expect(await tryLogIn(guesser, guesserUrl, { email: `someone${attempt}@example.com`, password: 'a wrong guess' }), `attempt ${attempt}`).toBe('Wrong email or password.');
    }
    await guesser.setExtraHTTPHeaders({ 'x-forwarded-for': '203.0.113.77' });
    expect(await tryLogIn(guesser, guesserUrl, OWNER)).toBe('Too many failed attempts. Try again in 15 minutes.');

    const other = await fixture.browser.newPage();
    expect(await tryLogIn(other, otherVisitorUrl, OWNER)).toBeNull();
    await Promise.all([guesser.close(), other.close()]);
  }, 90_000);
});
