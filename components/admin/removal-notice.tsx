/** What sanitizing keeps from visitors (lib/markdown.ts removalNotice), said to the operator; nothing when nothing was. */
export function RemovalNotice({ text, className = '' }: { text: string | null | undefined; className?: string }) {
  if (!text) return null;
  return <p className={`rounded-md border border-degraded/60 bg-degraded/10 px-3 py-2 text-sm ${className}`}>{text}</p>;
}
