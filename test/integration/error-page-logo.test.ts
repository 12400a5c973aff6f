// The logo in the error pages: fetched once, inlined as a data: URI (the pages load nothing), and left
// out when it is not an image, too big for HAProxy's buffer, or out of reach.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inlineLogo, MAX_LOGO_BYTES } from '@/lib/error-pages/inline-logo';
import { renderErrorPage } from '@/lib/error-pages/error-page';
import { fixtureSnapshot } from '../helpers/snapshot';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#0af"/></svg>';

describe('the error pages’ logo', () => {
  let server: http.Server;
  let base: string;
  const asked: string[] = [];
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      asked.push(request.url!);
      if (request.url === '/logo.svg') response.writeHead(200, { 'content-type': 'image/svg+xml' }).end(SVG);
      else if (request.url === '/huge.png') response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(MAX_LOGO_BYTES + 1));
      else if (request.url === '/page.html') response.writeHead(200, { 'content-type': 'text/html' }).end('<p>not an image</p>');
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('is inlined once as a data: URI, and the page shows it', async () => {
    const logo = await inlineLogo(`${base}/logo.svg`);
    expect(logo).toBe(`data:image/svg+xml;base64,${Buffer.from(SVG).toString('base64')}`);
    expect(await inlineLogo(`${base}/logo.svg`)).toBe(logo);
    expect(asked.filter((url) => url === '/logo.svg')).toHaveLength(1);
    expect(renderErrorPage(fixtureSnapshot(), 502, logo).html).toContain(`<header><img src="${logo}" alt="">`);
  });

  it('is left out when too big, not an image, missing or unreachable; the name is shown alone', async () => {
    for (const url of [`${base}/huge.png`, `${base}/page.html`, `${base}/missing.svg`, 'http://127.0.0.1:1/logo.svg', '/no-such-logo.svg', '/../package.json']) {
      expect(await inlineLogo(url), url).toBeNull();
    }
    expect(renderErrorPage(fixtureSnapshot(), 502, null).html).toContain('<header><span>Example</span></header>');
  });
});
