// The HTML part of an email, in the shape mail clients accept: tables for layout, every style inline
// (many clients drop style sheets), at most 600px wide and fluid below that, no images or web fonts.
// Written with React, whose rendering escapes every text and attribute; the operator's message is the
// one piece of HTML put in as is, sanitized by lib/markdown.ts.
import type { CSSProperties, ReactNode } from 'react';
import { parseHexColor } from '../accent-color.ts';
import { renderMarkdownStyled } from '../markdown.ts';
import type { EmailContent, EmailPage } from './email.ts';

const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const MONO = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace";
const INK = '#0f172a';
const MUTED = '#475569';
const LINE = '#e2e8f0';
const BACKDROP = '#f1f5f9';
/** Without an accent colour, buttons are the page's ink. */
const DEFAULT_ACCENT = INK;

/** The styles of the message's elements, by tag (sanitized Markdown has no others). */
const messageStyles = (accent: string): Partial<Record<string, string>> => ({
  p: 'margin:0 0 12px',
  a: `color:${accent};text-decoration:underline`,
  ul: 'margin:0 0 12px;padding-left:22px',
  ol: 'margin:0 0 12px;padding-left:22px',
  li: 'margin:0 0 4px',
  h3: 'margin:16px 0 8px;font-size:16px;line-height:1.4',
  h4: 'margin:16px 0 8px;font-size:15px;line-height:1.4',
  blockquote: `margin:0 0 12px;padding:0 0 0 12px;border-left:3px solid ${LINE};color:${MUTED}`,
  pre: `margin:0 0 12px;padding:12px;background:${BACKDROP};border-radius:6px;white-space:pre-wrap;word-break:break-word;font-family:${MONO};font-size:13px;line-height:1.5`,
  code: `font-family:${MONO};font-size:0.9em`,
  table: 'margin:0 0 12px;border-collapse:collapse',
  th: `padding:4px 8px;border:1px solid ${LINE};text-align:left`,
  td: `padding:4px 8px;border:1px solid ${LINE}`,
  hr: `border:0;border-top:1px solid ${LINE};margin:16px 0`,
});

/** A layout table: no borders, spacing or meaning of its own (role=presentation for screen readers). */
function LayoutTable({ style, width = '100%', children }: { style?: CSSProperties; width?: string; children: ReactNode }) {
  return (
    <table role="presentation" width={width} cellPadding={0} cellSpacing={0} border={0} style={{ borderCollapse: 'collapse', ...style }}>
      <tbody>{children}</tbody>
    </table>
  );
}

/** A button that survives clients ignoring padding on links: the cell carries the colour. */
function Button({ href, label, accent }: { href: string; label: string; accent: string }) {
  return (
    <LayoutTable width="auto" style={{ margin: '24px 0 8px' }}>
      <tr>
        <td style={{ backgroundColor: accent, borderRadius: 6 }}>
          <a href={href} style={{ display: 'inline-block', padding: '12px 22px', color: '#ffffff', fontSize: 16, fontWeight: 600, textDecoration: 'none', borderRadius: 6 }}>
            {label}
          </a>
        </td>
      </tr>
    </LayoutTable>
  );
}

function Email({ content, page }: { content: EmailContent; page: EmailPage }) {
  const accent = (page.accentColor && parseHexColor(page.accentColor)) || DEFAULT_ACCENT;
  const link: CSSProperties = { color: accent, textDecoration: 'underline' };
  const small: CSSProperties = { margin: '0 0 8px', fontSize: 13, lineHeight: 1.5, color: MUTED };
  const { status, message, action, footer } = content;
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* Light only: clients that recolour for dark mode would otherwise guess at the status colours. */}
        <meta name="color-scheme" content="light" />
        <meta name="supported-color-schemes" content="light" />
        <title>{content.subject}</title>
      </head>
      <body style={{ margin: 0, padding: 0, backgroundColor: BACKDROP, color: INK, fontFamily: FONT, WebkitTextSizeAdjust: '100%' }}>
        <div style={{ display: 'none', maxHeight: 0, overflow: 'hidden', opacity: 0, color: BACKDROP, fontSize: 1, lineHeight: 1 }}>{content.preview}</div>
        <LayoutTable style={{ backgroundColor: BACKDROP }}>
          <tr>
            <td align="center" style={{ padding: '24px 12px' }}>
              <LayoutTable style={{ maxWidth: 600, backgroundColor: '#ffffff', border: `1px solid ${LINE}`, borderTop: `4px solid ${accent}`, borderRadius: 8 }}>
                <tr>
                  <td style={{ padding: '18px 24px 0', fontSize: 15, fontWeight: 600 }}>
                    <a href={page.url} style={{ color: INK, textDecoration: 'none' }}>
                      {page.name}
                    </a>
                  </td>
                </tr>
                <tr>
                  <td style={{ padding: '16px 24px 24px', fontSize: 16, lineHeight: 1.5, color: INK }}>
                    {status && (
                      <p style={{ margin: '0 0 10px' }}>
                        <span style={{ display: 'inline-block', padding: '3px 10px', borderRadius: 999, backgroundColor: status.color, color: '#ffffff', fontSize: 13, fontWeight: 600, lineHeight: 1.4 }}>{status.label}</span>
                      </p>
                    )}
                    <h1 style={{ margin: '0 0 12px', fontSize: 22, lineHeight: 1.3, fontWeight: 700, color: INK }}>{content.heading}</h1>
                    {content.intro.map((sentence) => (
                      <p key={sentence} style={{ margin: '0 0 12px' }}>
                        {sentence}
                      </p>
                    ))}
                    {content.facts.length > 0 && (
                      <LayoutTable style={{ margin: '4px 0 16px' }}>
                        {content.facts.map((fact) => (
                          <tr key={fact.label}>
                            <td valign="top" style={{ padding: '3px 12px 3px 0', width: 1, whiteSpace: 'nowrap', fontSize: 14, color: MUTED }}>
                              {fact.label}
                            </td>
                            <td valign="top" style={{ padding: '3px 0', fontSize: 14, color: INK }}>
                              {fact.value}
                            </td>
                          </tr>
                        ))}
                      </LayoutTable>
                    )}
                    {message && (
                      <div style={{ borderTop: `1px solid ${LINE}`, paddingTop: 16 }}>
                        <div style={{ wordBreak: 'break-word' }} dangerouslySetInnerHTML={{ __html: renderMarkdownStyled(message.markdown, messageStyles(accent)) }} />
                        <p style={{ ...small, margin: 0 }}>Posted {message.postedAt}</p>
                      </div>
                    )}
                    <Button href={action.url} label={action.label} accent={accent} />
                    {action.showUrl && (
                      <p style={{ ...small, wordBreak: 'break-all' }}>
                        Or open this link: <a href={action.url} style={link}>{action.url}</a>
                      </p>
                    )}
                    {content.notes.map((note) => (
                      <p key={note} style={small}>
                        {note}
                      </p>
                    ))}
                  </td>
                </tr>
              </LayoutTable>
              <LayoutTable style={{ maxWidth: 600 }}>
                <tr>
                  <td style={{ padding: '16px 24px', fontSize: 13, lineHeight: 1.5, color: MUTED, textAlign: 'center' }}>
                    <p style={{ margin: '0 0 8px' }}>{footer.reason}</p>
                    {footer.links && (
                      <p style={{ margin: '0 0 8px' }}>
                        <a href={footer.links.manage} style={{ ...link, color: MUTED }}>Manage your subscription</a>
                        {' · '}
                        <a href={footer.links.unsubscribe} style={{ ...link, color: MUTED }}>Unsubscribe</a>
                      </p>
                    )}
                    <p style={{ margin: 0 }}>
                      <a href={page.url} style={{ ...link, color: MUTED }}>{page.name}</a>
                    </p>
                  </td>
                </tr>
              </LayoutTable>
            </td>
          </tr>
        </LayoutTable>
      </body>
    </html>
  );
}

/** The HTML of an email. react-dom/server is loaded on the first email, not with the server. */
export async function renderEmailHtml(content: EmailContent, page: EmailPage): Promise<string> {
  const { renderToStaticMarkup } = await import('react-dom/server');
  return `<!DOCTYPE html>${renderToStaticMarkup(<Email content={content} page={page} />)}`;
}
