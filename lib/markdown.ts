import { Marked, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { counted, listInWords } from './words.ts';

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
  // Without the removal report: the snapshot renders every update, and visitors need only the HTML.
  return scrollableBoxes(sanitizeHtml(marked.parse(markdown) as string, SANITIZE));
}

/**
 * renderMarkdown, plus what sanitizing removed from the operator's text, in words ("a <script>
 * element", "an onclick attribute", "a javascript: link"), in the order first met.
 *
 * sanitize-html decides; this only watches it: `onOpenTag` sees every tag with its attributes as
 * written, `exclusiveFilter` sees each tag that was kept, with the attributes it kept (the same
 * object, from which sanitize-html deleted the others).
 */
export function renderMarkdownChecked(markdown: string): { html: string; removed: string[] } {
  const written = new Map<Record<string, string>, { tag: string; attributes: Record<string, string> }>();
  const kept = new Set<Record<string, string>>();
  const sanitized = sanitizeHtml(marked.parse(markdown) as string, {
    ...SANITIZE,
    onOpenTag: (tag, attributes) => written.set(attributes, { tag, attributes: { ...attributes } }),
    exclusiveFilter: (frame) => {
      kept.add(frame.attribs);
      return false;
    },
  });
  const removed = new Map<string, { count: number; plural?: string }>();
  const note = (thing: string, plural?: string) => {
    const entry = removed.get(thing);
    if (entry) entry.count++;
    else removed.set(thing, { count: 1, plural });
  };
  for (const [attributes, { tag, attributes: asWritten }] of written) {
    if (!kept.has(attributes)) {
      note(`<${tag}> element`);
      continue;
    }
    for (const [name, value] of Object.entries(asWritten)) {
      if (name in attributes) continue;
      const scheme = name === 'href' ? /^\s*([a-z][a-z0-9+.-]*):/i.exec(value)?.[1] : undefined;
      if (scheme) note(`${scheme.toLowerCase()}: link`);
      else note(name === 'href' ? 'empty link' : `${name} attribute`);
    }
  }
  return {
    html: scrollableBoxes(sanitized),
    removed: [...removed].map(([thing, { count, plural }]) => counted(count, thing, plural)),
  };
}

/** What the operator is told when sanitizing removed something; null when nothing was. */
export function removalNotice(removed: string[]): string | null {
  return removed.length ? `Removed before publishing: ${listInWords(removed)}.` : null;
}

/** A message to visitors as they will see it, and the removal notice for its writer. */
export interface MessagePreview {
  html: string;
  notice: string | null;
}

export function previewMessage(markdown: string): MessagePreview {
  const { html, removed } = renderMarkdownChecked(markdown);
  return { html, notice: removalNotice(removed) };
}

/**
 * Each table in a box that scrolls sideways, so a wide one never widens a phone's page; that box and
 * each code block (which scrolls too) can take keyboard focus, so they can be scrolled without a
 * mouse. Safe on sanitized HTML: tables and code blocks keep no attributes, and a "<table>" in text or
 * in an attribute is escaped.
 */
function scrollableBoxes(html: string): string {
  return html
    .replaceAll('<table>', '<div class="table-scroll" tabindex="0"><table>')
    .replaceAll('</table>', '</table></div>')
    .replaceAll('<pre>', '<pre tabindex="0">');
}

/**
 * renderMarkdown for an email: the same elements, each carrying its own `style` from `styles` (by the
 * tag it ends up as), since mail clients drop style sheets. An operator's own style attributes are
 * replaced by ours, never kept.
 */
export function renderMarkdownStyled(markdown: string, styles: Partial<Record<string, string>>): string {
  const transforms: Record<string, sanitizeHtml.Transformer> = {};
  for (const tag of new Set([...Object.keys(styles), ...Object.keys(SANITIZE.transformTags!)])) {
    const own = SANITIZE.transformTags![tag];
    transforms[tag] = (tagName, attribs) => {
      const result = typeof own === 'function' ? own(tagName, attribs) : { tagName: own ?? tagName, attribs };
      const style = styles[result.tagName];
      return style ? { ...result, attribs: { ...result.attribs, style } } : result;
    };
  }
  const allowedAttributes = { ...(SANITIZE.allowedAttributes as Record<string, string[]>) };
  for (const tag of Object.keys(styles)) allowedAttributes[tag] = [...(allowedAttributes[tag] ?? []), 'style'];
  return sanitizeHtml(marked.parse(markdown) as string, { ...SANITIZE, allowedAttributes, transformTags: transforms });
}

const NO_TAGS: sanitizeHtml.IOptions = { allowedTags: [], allowedAttributes: {} };

/** Markdown → plain text on one line, for calendars and meta descriptions (the caller escapes it for its format). */
export function markdownToText(markdown: string): string {
  // A line break is a space between words, not nothing.
  const html = (marked.parse(markdown) as string).replaceAll('<br>', ' ');
  return decodeEntities(sanitizeHtml(html, NO_TAGS))
    .replace(/\s+/g, ' ')
    .trim();
}

// Blocks end in a blank line, list items are bulleted or numbered, a link keeps its address and a
// table its cells: what a reader of plain text needs that markdownToText's one line drops.
const linesMarked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    paragraph({ tokens }) {
      return `${this.parser.parseInline(tokens)}\n\n`;
    },
    heading({ tokens }) {
      return `${this.parser.parseInline(tokens)}\n\n`;
    },
    br: () => '\n',
    link({ href, tokens }) {
      const words = this.parser.parseInline(tokens);
      return /^(https?|mailto):/i.test(href) && decodeEntities(words) !== href ? `${words} (${href})` : words;
    },
    image: ({ text }) => text,
    list({ items, ordered, start }) {
      const first = typeof start === 'number' ? start : 1;
      const lines = items.map((item, index) => `${ordered ? `${first + index}.` : '•'} ${this.parser.parse(item.tokens).trim()}`);
      return `${lines.join('\n')}\n\n`;
    },
    table({ header, rows }) {
      const row = (cells: Tokens.TableCell[]) => cells.map((cell) => this.parser.parseInline(cell.tokens)).join(' | ');
      return `${[row(header), ...rows.map(row)].join('\n')}\n\n`;
    },
    code: ({ text }) => `${text}\n\n`,
    hr: () => '\n',
  },
});

/**
 * Markdown → plain text in lines, for messages (chat, plain-text email): paragraphs apart, list items
 * bulleted, a link's address after its words; HTML the writer typed is dropped, as on the page.
 */
export function markdownToLines(markdown: string): string {
  return decodeEntities(sanitizeHtml(linesMarked.parse(markdown) as string, NO_TAGS))
    .replace(/[^\S\n]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
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
