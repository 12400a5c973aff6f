/**
 * An update's message as visitors see it: the sanitized HTML from lib/markdown.ts, styled by
 * `.prose-update` (app/globals.css). The public pages, the admin timeline and the admin preview all
 * show a message through this one component.
 */
export function UpdateBody({ html }: { html: string }) {
  return <div className="prose-update text-sm" dangerouslySetInnerHTML={{ __html: html }} />;
}
