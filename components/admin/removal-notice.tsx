import { MESSAGE_BOX } from './fields';

/** What sanitizing keeps from visitors (lib/markdown.ts removalNotice), said to the operator; nothing when nothing was. */
export function RemovalNotice({ text, className = '' }: { text: string | null | undefined; className?: string }) {
  if (!text) return null;
  return <p className={`${MESSAGE_BOX} border-degraded/60 bg-degraded/10 ${className}`}>{text}</p>;
}
