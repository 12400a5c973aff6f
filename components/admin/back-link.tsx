/** Above a page's title: the way back to the list it belongs to. */
export function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <p className="text-sm">
      <a href={href} className="underline">
        {label}
      </a>
    </p>
  );
}
