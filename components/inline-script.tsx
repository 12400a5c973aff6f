/**
 * One of the public pages' own scripts (lib/embed/page-scripts.ts), inline and byte for byte as the
 * page's policy allows it by hash.
 */
export function InlineScript({ source }: { source: string }) {
  return <script dangerouslySetInnerHTML={{ __html: source }} />;
}
