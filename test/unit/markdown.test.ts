import { describe, expect, it } from 'vitest';
import { markdownToLines, markdownToText, previewMessage, removalNotice, renderMarkdown, renderMarkdownChecked, renderMarkdownStyled } from '@/lib/markdown';

describe('renderMarkdown', () => {
  it('renders markdown', () => {
    expect(renderMarkdown('**502** errors\n\n- retry')).toBe('<p><strong>502</strong> errors</p>\n<ul>\n<li>retry</li>\n</ul>\n');
  });

  it('never lets script reach a visitor', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script><img src=x onerror=alert(1)> [a](javascript:alert(1)) <iframe src="https://x"></iframe> <a href="https://ok.example" onclick="x()">ok</a>',
    );
    expect(html).not.toMatch(/<script|onerror|href="javascript:|<iframe|onclick|<img/i);
    expect(html).toContain('href="https://ok.example"');
    expect(html).toContain('rel="nofollow noopener noreferrer"');
  });

  it('demotes headings below the page outline', () => {
    expect(renderMarkdown('# Title')).toBe('<h3>Title</h3>\n');
  });

  it('flattens to text for summaries', () => {
    expect(markdownToText('**Fixed** the <b>gateway</b>\n\n- done')).toBe('Fixed the gateway done');
    // Plain text, not HTML: callers escape it for their own format.
    expect(markdownToText('Q&A "session" in <5 min & it\'s &#x263A;')).toBe('Q&A "session" in <5 min & it\'s ☺');
    // A line break is a space between words.
    expect(markdownToText('First line\nsecond line')).toBe('First line second line');
  });

  it('turns into plain text in lines for messages: blocks apart, items bulleted, links with their address', () => {
    const text = markdownToLines(
      ['We are **investigating**\nerrors on <b>checkout</b> & login.', '', '- EU [status](https://eu.example/s?a=1&b=2)', '- see https://x.example', '', '3. third', '4. fourth', '', '| Region | Errors |', '|--|--|', '| EU | 12% |', '', '```', 'curl -I  https://api.example', '```', '', '<script>alert(1)</script>Done.'].join('\n'),
    );
    expect(text).toBe(
      ['We are investigating', 'errors on checkout & login.', '', '• EU status (https://eu.example/s?a=1&b=2)', '• see https://x.example', '', '3. third', '4. fourth', '', 'Region | Errors', 'EU | 12%', '', 'curl -I  https://api.example', '', 'Done.'].join('\n'),
    );
  });
});

describe('Markdown in an email', () => {
  it('is sanitized HTML whose elements carry the styles given, an operator’s own styles replaced', () => {
    const html = renderMarkdownStyled('# Title\n\n<p style="position:fixed" onclick="x()">hi</p>\n\n[ok](https://ok.example) [no](javascript:alert(1)) <script>alert(1)</script>', {
      p: 'margin:0',
      a: 'color:red',
      h3: 'font-size:16px',
    });
    expect(html).toContain('<h3 style="font-size:16px">Title</h3>');
    expect(html).toContain('<p style="margin:0">hi</p>');
    expect(html).toContain('<a href="https://ok.example" rel="nofollow noopener noreferrer" style="color:red">ok</a>');
    expect(html).not.toMatch(/position|onclick|javascript:|<script/);
    // Elements without a style given keep none.
    expect(renderMarkdownStyled('<em style="color:red">x</em>', {})).toBe('<p><em>x</em></p>\n');
  });
});

describe('renderMarkdown: the shapes an update is written in', () => {
  const html = renderMarkdown(
    ['## Impact', '', '- EU customers', '  - checkout', '1. first', '', '| Region | Errors |', '|:--|--:|', '| EU | 12% |', '', '```sh', 'curl -I https://api.example', '```', '', '> quoted', '', '---', '', 'Run `retry`.'].join('\n'),
  );

  it('keeps headings, nested lists, tables with their alignment, code blocks, quotes and rules', () => {
    expect(html).toContain('<h3>Impact</h3>');
    expect(html).toMatch(/<ul>\n<li>EU customers<ul>\n<li>checkout<\/li>/);
    expect(html).toContain('<ol>\n<li>first</li>');
    expect(html).toContain('<th align="left">Region</th>');
    expect(html).toContain('<td align="right">12%</td>');
    expect(html).toContain('<pre tabindex="0"><code class="language-sh">curl -I https://api.example\n</code></pre>');
    expect(html).toContain('<blockquote>\n<p>quoted</p>\n</blockquote>');
    expect(html).toContain('<hr />');
    expect(html).toContain('<code>retry</code>');
  });

  it('puts each table in a box that scrolls on its own, also one written as HTML; both it and code take keyboard focus', () => {
    expect(html).toMatch(/<div class="table-scroll" tabindex="0"><table>\n<thead>[\s\S]*<\/table><\/div>/);
    expect(renderMarkdown('<table><tr><td>a</td></tr></table>')).toBe('<div class="table-scroll" tabindex="0"><table><tr><td>a</td></tr></table></div>');
    // An operator's own tabindex is not kept.
    expect(renderMarkdown('<pre tabindex="-1">x</pre>')).toBe('<pre tabindex="0">x</pre>');
    // Text that only looks like a table stays text.
    expect(renderMarkdown('`<table>` and &lt;/table&gt;')).toBe('<p><code>&lt;table&gt;</code> and &lt;/table&gt;</p>\n');
  });

  it('lets no class through but the language of a code block', () => {
    const html = renderMarkdown('<code class="language-js evil">x</code> <p class="language-js">y</p>');
    expect(html).toContain('<code class="language-js">x</code>');
    expect(html).toContain('<p>y</p>');
  });
});

describe('renderMarkdownChecked: what sanitizing removed, in words', () => {
  const removed = (markdown: string) => renderMarkdownChecked(markdown).removed;

  it('reports nothing for plain markdown, links, tables and code', () => {
    expect(removed('# Title\n\n**bold** [link](https://example.com) <mailto:a@example.com>\n\n| a |\n|---|\n| 1 |\n\n```js\nx()\n```\n\n3. three')).toEqual([]);
    expect(removed('<b>bold</b> <a href="https://ok.example" title="t">ok</a> <table><tr><th align="left">x</th></tr></table>')).toEqual([]);
  });

  it('names each removed element, attribute and link, counted, in the order met', () => {
    expect(
      removed(
        '<script>alert(1)</script><iframe src="https://x"></iframe><a href="https://ok.example" onclick="x()" style="color:red">ok</a> <a href="javascript:alert(1)" onclick="y()">no</a>\n\n<script>two()</script>',
      ),
    ).toEqual(['2 <script> elements', 'an <iframe> element', '2 onclick attributes', 'a style attribute', 'a javascript: link']);
    expect(removed('<img src=x onerror=alert(1)> <style>p{}</style> <div onclick="x"><p>kept</p></div>')).toEqual(['an <img> element', 'a <style> element', 'a <div> element']);
    // Schemes as the browser would read them: any case, entities decoded.
    expect(removed('<a href="JaVaScRiPt:x">a</a> <a href="&#106;avascript:x">b</a> <a href="data:text/html,x">c</a> <a href="">d</a>')).toEqual(['2 javascript: links', 'a data: link', 'an empty link']);
    // What markdown itself makes but visitors are not shown: images, task-list boxes.
    expect(removed('![logo](https://example.com/logo.png)\n\n- [ ] one\n- [x] two')).toEqual(['an <img> element', '2 <input> elements']);
  });

  it('keeps the HTML exactly as renderMarkdown gives it', () => {
    const markdown = '# A\n\n<script>x</script><a href="javascript:x" onclick="y">z</a> <em>ok</em>';
    expect(renderMarkdownChecked(markdown).html).toBe(renderMarkdown(markdown));
    expect(renderMarkdown(markdown)).toBe('<h3>A</h3>\n<a rel="nofollow noopener noreferrer">z</a> <em>ok</em>');
  });

  it('says it in one sentence, and nothing when nothing was removed', () => {
    expect(removalNotice(['a <script> element', 'an onclick attribute'])).toBe('Removed before publishing: a <script> element and an onclick attribute.');
    expect(removalNotice([])).toBeNull();
    expect(previewMessage('hi <script>x</script>')).toEqual({ html: '<p>hi </p>\n', notice: 'Removed before publishing: a <script> element.' });
    expect(previewMessage('**hi**')).toEqual({ html: '<p><strong>hi</strong></p>\n', notice: null });
  });
});
