import { describe, expect, it } from 'vitest';
import { markdownToText, renderMarkdown } from '@/lib/markdown';

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
  });
});
