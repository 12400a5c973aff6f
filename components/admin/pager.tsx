// Newer and older pages of a long list (audit log, subscribers, deliveries), as plain links.

/** `link(page)` is the address of a page, with the list's filters; `count` says how many in words ("12 entries"). */
export function Pager({ label, page, pages, count, link }: { label: string; page: number; pages: number; count: string; link: (page: number) => string }) {
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-between gap-2 text-sm">
      {page > 1 ? (
        <a href={link(Math.min(page, pages + 1) - 1)} className="underline">
          ← Newer
        </a>
      ) : (
        <span />
      )}
      <span>
        Page {page} of {pages} · {count}
      </span>
      {page < pages ? (
        <a href={link(page + 1)} className="underline">
          Older →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
