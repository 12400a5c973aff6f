import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { InlineScript } from '@/components/inline-script';
import { PageShell } from '@/components/page-shell';
import { BADGE_STYLES } from '@/lib/badges/badge';
import { COPY_SNIPPETS_SCRIPT } from '@/lib/embed/page-scripts';
import { pageBaseUrl } from '@/lib/feeds/history-feeds';
import { getReadPath } from '@/lib/read-path/instance';
import { componentRef } from '@/lib/status/find-component';
import { componentsInPageOrder } from '@/lib/status/front-page';

// Rendered from the in-memory snapshot on each change (the custom server keeps the bytes).
export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const { snapshot } = await getReadPath().get();
  return {
    title: `Embed ${snapshot.page.name} Status`,
    description: `Status badges, a status notice for your site, feeds and a calendar of ${snapshot.page.name}.`,
  };
}

/** Text inside a snippet's HTML attribute, and inside Markdown's image brackets. */
const attr = (text: string) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
const md = (text: string) => text.replace(/[[\]\\]/g, '\\$&');

/**
 * Code to copy, wrapped to its box on a phone: its Copy button (shown where scripts run, see
 * COPY_SNIPPETS_SCRIPT) copies it and says so; one click on it selects all of it.
 */
function Snippet({ label, code }: { label: string; code: string }) {
  return (
    <figure className="min-w-0">
      <div className="flex flex-wrap items-end justify-between gap-x-3 gap-y-1">
        <figcaption className="text-xs font-medium text-slate-600 dark:text-slate-400">{label}</figcaption>
        <div className="flex items-center gap-2">
          <span role="status" data-copy-status className="text-xs text-slate-600 dark:text-slate-400" />
          <button type="button" data-copy hidden className="rounded-md border border-slate-300 px-2 py-0.5 text-xs font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
            Copy<span className="sr-only"> {label}</span>
          </button>
        </div>
      </div>
      <pre className="mt-1 rounded-md bg-slate-100 px-3 py-2 text-xs whitespace-pre-wrap dark:bg-slate-900">
        <code className="select-all">{code}</code>
      </pre>
    </figure>
  );
}

/** A section; long addresses in it wrap rather than widen the page. */
function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-4 [&_code]:wrap-anywhere">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function EmbedPage() {
  const { snapshot } = await getReadPath().get();
  const base = pageBaseUrl(snapshot);
  const name = snapshot.page.name;
  const overall = `${base}/badge.svg`;
  const components = componentsInPageOrder(snapshot);
  const [firstComponent] = components;
  return (
    <PageShell snapshot={snapshot}>
      <h1 className="text-2xl font-bold">Embed {name} status</h1>
      <p>Show the live status on your own site, in a README or on a dashboard. Everything here updates by itself.</p>

      <Section id="badges" title="Status badge">
        <img src="/badge.svg" alt={`${name} status`} className="h-5" />
        <Snippet label="Markdown" code={`[![${md(name)} status](${overall})](${base})`} />
        <Snippet label="HTML" code={`<a href="${base}"><img src="${overall}" alt="${attr(name)} status"></a>`} />
        <Snippet label="Image URL" code={overall} />
        <div className="space-y-2">
          <p className="text-sm">
            Styles, with <code>?style=</code>:
          </p>
          <ul className="flex flex-wrap items-center gap-3">
            {BADGE_STYLES.map((style) => (
              <li key={style} className="flex items-center gap-2 text-xs">
                <img src={`/badge.svg?style=${style}`} alt={`${name} status, ${style} style`} />
                <code>{style}</code>
              </li>
            ))}
          </ul>
          <p className="text-sm">
            <code>?label=</code> sets the left-hand text. Each badge also comes as a{' '}
            <a href="https://shields.io/badges/endpoint-badge" className="underline">
              shields.io endpoint
            </a>{' '}
            JSON: replace <code>.svg</code> with <code>.json</code>.
          </p>
        </div>
      </Section>

      {components.length > 0 && (
        <Section id="component-badges" title="Component badges">
          <p className="text-sm">
            By name or id: <code>{`${base}/badge/{component}.svg`}</code>, and the uptime over 7, 30 or 90 days:{' '}
            <code>{`${base}/badge/{component}/uptime.svg?days=30`}</code>.
          </p>
          {firstComponent && (
            <Snippet
              label={`Markdown, ${firstComponent.name} uptime`}
              code={`[![${md(firstComponent.name)} uptime](${base}/badge/${componentRef(snapshot, firstComponent)}/uptime.svg?days=30)](${base})`}
            />
          )}
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
            {components.map((component) => {
              const path = `/badge/${componentRef(snapshot, component)}`;
              return (
                <li key={component.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
                  <img src={`${path}.svg`} alt={`${component.name}: ${component.status.replaceAll('_', ' ')}`} />
                  <img src={`${path}/uptime.svg?days=30`} alt={`${component.name} uptime over 30 days`} />
                  <code className="ml-auto min-w-0 select-all text-xs">{`${base}${path}.svg`}</code>
                </li>
              );
            })}
          </ul>
        </Section>
      )}

      <Section id="widget" title="Status notice on your site">
        <p className="text-sm">
          One line before <code>{'</body>'}</code> shows a small notice in the corner while an incident or maintenance is
          under way, linking here; nothing at all while everything is operational. It keeps its styles to itself and
          visitors can dismiss it.
        </p>
        <Snippet label="HTML" code={`<script src="${base}/embed.js" async></script>`} />
        <p className="text-sm">
          <code>data-position=&quot;bottom-left&quot;</code> on the tag moves it to the left corner.
        </p>
      </Section>

      <Section id="frame" title="Compact status view">
        <Snippet label="HTML" code={`<iframe src="${base}/embed/frame" title="${attr(name)} status" width="360" height="200" style="border:0"></iframe>`} />
        <iframe src="/embed/frame" title={`${name} status preview`} width={360} height={200} className="max-w-full rounded-lg border border-slate-200 dark:border-slate-800" />
      </Section>

      <Section id="feeds" title="Feeds and calendar">
        <ul className="list-inside list-disc space-y-1 text-sm">
          <li>
            <a href="/history.atom" className="underline">Atom feed</a> and <a href="/history.rss" className="underline">RSS feed</a> of
            incidents and maintenance; for one component: <code>/history.atom?component=&#123;component&#125;</code>
          </li>
          <li>
            <a href="/maintenance.ics" className="underline">Maintenance calendar</a> (iCalendar) to subscribe to:{' '}
            <code className="select-all">{`${base}/maintenance.ics`}</code>
          </li>
          <li>
            <a href="/api/v2/summary.json" className="underline">JSON API</a>, compatible with Atlassian Statuspage&apos;s
          </li>
        </ul>
      </Section>
      <InlineScript source={COPY_SNIPPETS_SCRIPT} />
    </PageShell>
  );
}
