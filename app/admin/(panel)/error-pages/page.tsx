import type { Metadata } from 'next';
import { requireOperator } from '@/lib/admin-ui/require-operator';
import { getDb } from '@/lib/db/client';
import { errorPageStatus, GATEWAY_ERRORS } from '@/lib/error-pages/error-page';
import { proxyConfigs, proxySetupFrom } from '@/lib/error-pages/proxy-config';
import { publicBaseUrl } from '@/lib/page/page-settings';
import { getReadPath } from '@/lib/read-path/instance';

export const metadata: Metadata = { title: 'Error pages' };

const CARD = 'space-y-3 rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900';
const CODE = 'block overflow-x-auto rounded bg-slate-100 p-3 text-xs leading-relaxed select-all dark:bg-slate-950';

export default async function ErrorPagesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireOperator();
  const [statusUrl, { snapshot }] = await Promise.all([publicBaseUrl(getDb()), getReadPath().get()]);
  const setup = proxySetupFrom(await searchParams, statusUrl);
  const status = errorPageStatus(snapshot);
  const source = statusUrl ? ` --from ${statusUrl}` : '';
  return (
    <>
      <h1 className="text-2xl font-bold">Error pages</h1>
      <p className="max-w-prose text-sm">
        When your app stops answering, visitors meet your proxy&apos;s bare &ldquo;502 Bad Gateway&rdquo;. Give the proxy these pages instead: they say what happened
        in plain words, what to do, and the live status from this page. The browser still gets the error&apos;s status code.
      </p>

      <section aria-labelledby="pages" className={CARD}>
        <h2 id="pages" className="text-lg font-semibold">The pages</h2>
        <p className="text-sm">
          Right now they say: <strong>{status.headline}</strong>
        </p>
        <ul className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
          {GATEWAY_ERRORS.map((code) => (
            <li key={code}>
              <a className="underline" href={`/errors/${code}.html`} target="_blank" rel="noreferrer">
                {code} page
              </a>{' '}
              · <a className="underline" href={`/errors/${code}.http`} download>{code} for HAProxy</a>
            </li>
          ))}
        </ul>
        <p className="text-sm text-slate-600 dark:text-slate-400">Each is one self-contained file of a few kilobytes: no fonts, images or scripts to fetch, so it shows even when everything behind the proxy is down.</p>
      </section>

      <section aria-labelledby="files" className={CARD}>
        <h2 id="files" className="text-lg font-semibold">1. Put them on the proxy&apos;s disk</h2>
        <p className="text-sm">
          On the proxy&apos;s machine, run this and keep it running (a service or a container): it writes the pages and rewrites them whenever the status changes. If
          Gatewatch cannot be reached, the files stay as they were.
        </p>
        <code className={CODE}>npm run gatewatch -- error-pages --out {setup.dir}{source} --watch</code>
        <p className="text-sm text-slate-600 dark:text-slate-400">On the machine that runs Gatewatch, leave out --from: it reads the database itself.</p>
      </section>

      <section aria-labelledby="config" className={CARD}>
        <h2 id="config" className="text-lg font-semibold">2. Tell the proxy to use them</h2>
        <form method="get" className="flex flex-wrap items-end gap-4 text-sm">
          <label className="flex flex-col gap-1">
            <span className="font-medium">Folder on the proxy&apos;s machine</span>
            <input name="dir" defaultValue={setup.dir} className="w-72 rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-950" />
          </label>
          <label className="flex flex-col gap-1">
            <span className="font-medium">Your app, as the proxy reaches it</span>
            <input name="upstream" defaultValue={setup.upstream} className="w-56 rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-950" />
          </label>
          <button className="rounded border border-slate-300 px-3 py-1 font-medium dark:border-slate-700">Fill in</button>
        </form>
        {setup.problem && (
          <p role="alert" className="text-sm text-major">
            {setup.problem}
          </p>
        )}
        {proxyConfigs(setup).map((proxy) => (
          <div key={proxy.id} className="space-y-1">
            <h3 className="font-semibold">{proxy.name}</h3>
            <p className="text-sm text-slate-600 dark:text-slate-400">{proxy.where}</p>
            <pre className={CODE} data-proxy={proxy.id}>
              {proxy.config}
            </pre>
          </div>
        ))}
      </section>

      <section aria-labelledby="deploys" className={CARD}>
        <h2 id="deploys" className="text-lg font-semibold">Deploys</h2>
        <p className="max-w-prose text-sm">
          A deploy that restarts your app makes these errors on purpose. Let your deploy script open a deploy window first: the components show &ldquo;under
          maintenance&rdquo; with the deploy&apos;s name, their monitors open no incidents, and these pages say a deploy is in progress and when it should end.
          It closes when the script finishes it, or on its own when its time runs out. Give the script an API key of the &ldquo;deploys&rdquo; scope.
        </p>
        <pre className={CODE}>{`ID=$(curl -fsS -X POST ${statusUrl || 'https://status.example.com'}/api/v1/pages/${snapshot.page.id}/deploys \\
  -H "Authorization: Bearer $GATEWATCH_KEY" -H "Content-Type: application/json" \\
  -d '{"deploy": {"name": "Deploy v1.4", "components": "api,website", "minutes": 10}}' | jq -r .id)
# … deploy …
curl -fsS -X POST ${statusUrl || 'https://status.example.com'}/api/v1/pages/${snapshot.page.id}/deploys/finish \\
  -H "Authorization: Bearer $GATEWATCH_KEY" -H "Content-Type: application/json" \\
  -d "{\\"deploy\\": {\\"id\\": \\"$ID\\"}}"`}</pre>
      </section>
    </>
  );
}
