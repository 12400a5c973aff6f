import { describe, expect, it } from 'vitest';
import { withoutClientRuntime } from '@/lib/read-path/plain-html';

describe('plain HTML for public pages', () => {
  const page = [
    '<!DOCTYPE html><html><head><link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>',
    '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/b.js"/>',
    '<script src="/_next/static/chunks/c.js" async=""></script><title>Status</title>',
    '<script type="application/ld+json">{"@type":"WebSite"}</script></head>',
    '<body><main><h1>All Systems Operational</h1></main>',
    '<script id="_R_">(globalThis["TURBOPACK"] || []).push({})</script>',
    '<script>(self.__next_f=self.__next_f||[]).push([0])</script><script>self.__next_f.push([1,"<b>x</b>"])</script>',
    '</body></html>',
  ].join('');

  it('drops the Next.js runtime and its flight data, and keeps the page and its styles', () => {
    const html = withoutClientRuntime(page);
    expect(html).not.toContain('/_next/static/chunks/b.js');
    expect(html).not.toContain('c.js');
    expect(html).not.toContain('__next_f');
    expect(html).not.toContain('TURBOPACK');
    expect(html).toContain('<link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>');
    expect(html).toContain('<main><h1>All Systems Operational</h1></main>');
  });

  it('keeps scripts that are not the Next.js runtime', () => {
    expect(withoutClientRuntime(page)).toContain('<script type="application/ld+json">{"@type":"WebSite"}</script>');
  });
});
