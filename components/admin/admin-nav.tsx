'use client';
import { usePathname } from 'next/navigation';

/** The admin sections; the one being looked at is marked for sight and for screen readers. */
export function AdminNav({ links }: { links: { href: string; label: string }[] }) {
  const pathname = usePathname();
  // An exact match first (New incident under Incidents); the dashboard only at /admin itself, other
  // sections also for their sub-pages.
  const current = (links.find((link) => pathname === link.href) ?? links.find((link) => link.href !== '/admin' && pathname.startsWith(`${link.href}/`)))?.href;
  return (
    <nav aria-label="Admin" className="-mx-2 flex flex-wrap gap-1 text-sm">
      {links.map((link) => (
        <a
          key={link.href}
          href={link.href}
          aria-current={link.href === current ? 'page' : undefined}
          className="rounded-md px-2 py-1 hover:bg-slate-200/60 aria-[current=page]:bg-slate-900 aria-[current=page]:text-white dark:hover:bg-slate-800 dark:aria-[current=page]:bg-slate-100 dark:aria-[current=page]:text-slate-900"
        >
          {link.label}
        </a>
      ))}
    </nav>
  );
}
