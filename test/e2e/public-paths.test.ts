// The public paths over HTTP against the production server: read-only, the same bytes whatever the
// query or headers, and a cache visitors cannot grow by inventing spellings of a badge's name.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewatch, type GatewatchProcess } from '@/scripts/lib/gatewatch-process';
import { migratedSqliteUrl } from '../helpers/databases';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatewatch-public-paths-'));
let server: GatewatchProcess;

beforeAll(async () => {
  server = await startGatewatch({ env: { DATABASE_URL: migratedSqliteUrl(path.join(dir, 'gatewatch.db')), SNAPSHOT_PATH: path.join(dir, 'snapshot.json') } });
});

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const PUBLIC_PATHS = ['/', '/history', '/embed', '/embed/frame', '/api/v2/summary.json', '/badge.svg', '/badge/website.svg', '/badge/website/uptime.json', '/history.atom', '/history.rss', '/maintenance.ics', '/embed.js', '/incidents/doesnotexist'];

/** The server's resident memory, in MB, as the kernel counts it. */
function residentMegabytes(pid: number): number {
  const kilobytes = Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
  return kilobytes / 1024;
}

/** Fetches every URL, `parallel` at a time; returns each response's ETag. */
async function fetchAll(urls: string[], parallel = 16): Promise<string[]> {
  const etags: string[] = new Array(urls.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < urls.length) {
        const index = next++;
        const response = await fetch(urls[index]);
        await response.arrayBuffer();
        etags[index] = `${response.status} ${response.headers.get('etag')}`;
      }
    }),
  );
  return etags;
}

/**
 * `count` spellings that decode to `name` exactly (each character as is or percent-encoded, in either
 * case of hex digit): every one names the same component, as a visitor may write it.
 */
function spellingsOf(name: string, count: number): string[] {
  const forms = [...name].map((char) => {
    const hex = char.charCodeAt(0).toString(16);
    return [...new Set([char, `%${hex}`, `%${hex.toUpperCase()}`])];
  });
  const spellings = new Set<string>();
  for (let n = 0; spellings.size < count; n++) {
    let rest = n;
    spellings.add(forms.map((options) => {
      const form = options[rest % options.length];
      rest = Math.floor(rest / options.length);
      return form;
    }).join(''));
  }
  return [...spellings];
}

describe('the public paths', () => {
  it('answer only GET and HEAD: other methods get 405 with Allow, OPTIONS a CORS preflight answer', async () => {
    for (const publicPath of PUBLIC_PATHS) {
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
        const response = await fetch(`${server.url}${publicPath}`, { method, body: method === 'DELETE' ? undefined : 'x' });
        expect(response.status, `${method} ${publicPath}`).toBe(405);
        expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
        expect(await response.text()).not.toContain('<script');
      }
      const preflight = await fetch(`${server.url}${publicPath}`, { method: 'OPTIONS' });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, HEAD, OPTIONS');
      const head = await fetch(`${server.url}${publicPath}`, { method: 'HEAD' });
      expect(head.status, `HEAD ${publicPath}`).toBe(publicPath.startsWith('/incidents/') ? 404 : 200);
    }
  });

  it('serve the same bytes and policy whatever the query or Next’s own headers', async () => {
    const plain = await fetch(`${server.url}/`);
    const body = await plain.text();
    expect(body).not.toContain('<script');
    const variants = [
      fetch(`${server.url}/?_rsc=abc123`),
      fetch(`${server.url}/?anything=else`),
      fetch(`${server.url}/`, { headers: { rsc: '1' } }),
      fetch(`${server.url}/`, { headers: { 'next-router-prefetch': '1', 'next-router-state-tree': '%5B%5D' } }),
    ];
    for (const response of await Promise.all(variants)) {
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe(plain.headers.get('etag'));
      expect(response.headers.get('content-security-policy')).toBe(plain.headers.get('content-security-policy'));
      expect(response.headers.get('content-security-policy')).toContain("script-src 'none'");
      expect(await response.text()).toBe(body);
    }
  });

  it('serve a percent-encoded spelling of a page as the page itself, never rendered by Next per request', async () => {
    const history = await fetch(`${server.url}/history`);
    const spelled = await fetch(`${server.url}/%68istory`);
    expect(spelled.status).toBe(200);
    expect(spelled.headers.get('etag')).toBe(history.headers.get('etag'));
    expect(await spelled.text()).toBe(await history.text());
    // An encoded slash is another path, but Next would still route it to the page: from memory too.
    for (const publicPath of ['/embed%2Fframe', '/%65mbed%2F%66rame']) {
      const response = await fetch(`${server.url}${publicPath}`);
      expect(await response.text(), publicPath).not.toContain('<script');
      expect(response.headers.get('content-security-policy'), publicPath).toContain("script-src 'none'");
      expect((await fetch(`${server.url}${publicPath}`, { method: 'POST' })).status, publicPath).toBe(405);
    }
  });

  it('answer a page that is not there with a 404 page from memory, without script', async () => {
    const response = await fetch(`${server.url}/incidents/doesnotexist`);
    expect(response.status).toBe(404);
    const page = await response.text();
    expect(page).toContain('Page not found');
    // Next's own page (with the site's stylesheet), rendered once and kept, not a stand-in.
    expect(page).toMatch(/<link rel="stylesheet" href="\/_next\/static\//);
    expect(page).not.toContain('<script');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'none'");
  });

  it('keep one cached badge per component however its name is spelled, so memory stays bounded', async () => {
    const canonical = await fetch(`${server.url}/badge/website.svg`);
    const etag = `200 ${canonical.headers.get('etag')}`;
    // Warm up what any traffic warms up, then measure.
    await fetchAll(Array.from({ length: 500 }, (_, index) => `${server.url}/badge/website.svg?v=${index}`));
    const before = residentMegabytes(server.child.pid!);

    // The component's id, as it is and in thousands of percent-encoded spellings, and its name in capitals.
    const { components } = await (await fetch(`${server.url}/api/v2/components.json`)).json();
    const id = components.find((component: { name: string }) => component.name === 'Website').id;
    const spellings = [...spellingsOf(id, 4000), 'WEBSITE', 'Website', '%57ebsite'];
    const etags = await fetchAll(spellings.map((spelling) => `${server.url}/badge/${spelling}.svg`));
    expect(new Set(etags)).toEqual(new Set([etag]));
    // Own labels are kept too, in a small cache with the oldest out first.
    await fetchAll(Array.from({ length: 2000 }, (_, index) => `${server.url}/badge/website.svg?label=visitor-${index}`));
    const after = residentMegabytes(server.child.pid!);
    // Each spelling kept for good cost ~33 KB (4,000 of them: ~130 MB, measured before the fix);
    // bounded, what grows is the small cache of own labels and noise.
    expect(after - before, `resident memory ${before.toFixed(0)} MB → ${after.toFixed(0)} MB`).toBeLessThan(80);
    // A fixed load (about 6,500 requests) whose time depends on what else shares the cores: room for
    // a busy machine. What it checks is memory, never time.
  }, 180_000);

  it('draw a badge whose label has control characters as well-formed SVG without them', async () => {
    const response = await fetch(`${server.url}/badge/website.svg?label=${encodeURIComponent('we\u0001b\u001fsite\u0008')}`);
    expect(response.status).toBe(200);
    const svg = await response.text();
    expect(svg).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(svg).toContain('website');
    const json = await (await fetch(`${server.url}/badge/website.json?label=${encodeURIComponent('a\u0000b')}`)).json();
    expect(json.label).toBe('ab');
  });
});
