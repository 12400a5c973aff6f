/** The id of the page's `<main>`, the skip link's target; the main carries tabIndex -1 so it takes the focus. */
export const MAIN_ID = 'main';

/** The first Tab stop of a page: straight to its content, past the header's links. Shown only while focused. */
export function SkipLink() {
  return (
    <a
      href={`#${MAIN_ID}`}
      className="sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:text-sm focus:font-semibold focus:text-slate-900 focus:shadow-lg dark:focus:bg-slate-900 dark:focus:text-slate-100"
    >
      Skip to content
    </a>
  );
}
