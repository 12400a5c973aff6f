import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const marked = new Marked({ gfm: true, breaks: true, async: false });

// Only what an incident update needs; no scripts, styles, frames, forms or event handlers.
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'strong', 'em', 'b', 'i', 'del', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li',
    'a', 'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel'], ol: ['start'], th: ['align'], td: ['align'] },
  // The language marked notes on a fenced code block: harmless, and not worth a removal notice.
  allowedClasses: { code: ['language-*'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  // Headings inside an update must not compete with the page's own outline.
  transformTags: {
    h1: 'h3',
    h2: 'h3',
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener noreferrer' }),
  },
};

/** Markdown from an operator → HTML that is safe to show a visitor. */
export function renderMarkdown(markdown: string): string {
  return wrapTables(sanitizeHtml(marked.parse(markdown) as string, SANITIZE));
}

/**
 * Each table in a box that scrolls sideways, so a wide one never widens a phone's page. Safe on
 * sanitized HTML: tables keep no attributes, and a "<table>" in text or an attribute is escaped.
 */
function wrapTables(html: string): string {
  return html.replaceAll('<table>', '<div class="table-scroll"><table>').replaceAll('</table>', '</table></div>');
}

/** Markdown → plain text, for calendars and meta descriptions (the caller escapes it for its format). */
export function markdownToText(markdown: string): string {
  return decodeEntities(sanitizeHtml(marked.parse(markdown) as string, { allowedTags: [], allowedAttributes: {} }))
    .replace(/\s+/g, ' ')
    .trim();
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** sanitize-html leaves text HTML-escaped; plain text must not show `&amp;`. */
function decodeEntities(html: string): string {
  return html.replace(/&(#\d+|#x[\da-f]+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
  });
}
