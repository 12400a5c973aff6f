import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ImpactBadge, Timestamp, UpdateTimeline } from '@/components/incident-parts';
import { PageShell } from '@/components/page-shell';
import { UpdateBody } from '@/components/update-body';
import { ComponentStatusLabel } from '@/components/status-label';
import { getReadPath } from '@/lib/read-path/instance';
import { findIncident, incidentDuration } from '@/lib/status/incident-page';
import { markdownToText } from '@/lib/markdown';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { snapshot } = await getReadPath().get();
  const incident = findIncident(snapshot, (await params).id);
  if (!incident) return { title: `Not found · ${snapshot.page.name} Status` };
  const latest = incident.updates[0];
  return {
    title: `${incident.name} · ${snapshot.page.name} Status`,
    description: latest ? markdownToText(latest.body).slice(0, 200) : incident.name,
    alternates: { canonical: `${snapshot.page.url}/incidents/${incident.id}` },
  };
}

export default async function IncidentPage({ params }: Props) {
  const { snapshot } = await getReadPath().get();
  const incident = findIncident(snapshot, (await params).id);
  if (!incident) notFound();
  const zone = snapshot.page.timeZone;
  const componentsById = new Map(snapshot.components.map((component) => [component.id, component]));
  const affected = incident.componentIds.map((id) => componentsById.get(id)).filter((component) => component !== undefined);
  const duration = incidentDuration(incident);

  return (
    <PageShell snapshot={snapshot}>
      <article className="space-y-6">
        <header className="space-y-2">
          <p className="text-sm">
            <a href="/history" className="underline underline-offset-2">
              ← Incident history
            </a>
          </p>
          <h1 className="text-2xl font-bold">{incident.name}</h1>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600 dark:text-slate-300">
            <ImpactBadge impact={incident.impact} cancelled={Boolean(incident.cancelledAt)} />
            {incident.kind === 'maintenance' && incident.scheduledFor ? (
              <span>
                {incident.cancelledAt ? 'Cancelled; was scheduled' : 'Scheduled'} <Timestamp value={incident.scheduledFor} timeZone={zone} />
                {incident.scheduledUntil && (
                  <>
                    {' '}– <Timestamp value={incident.scheduledUntil} timeZone={zone} />
                  </>
                )}
              </span>
            ) : (
              <span>
                Started <Timestamp value={incident.startedAt} timeZone={zone} />
              </span>
            )}
            {duration && <span>{duration}</span>}
          </div>
        </header>

        {affected.length > 0 && (
          <section aria-labelledby="affected" className="space-y-2">
            <h2 id="affected" className="text-lg font-semibold">
              Affected components
            </h2>
            <ul className="flex flex-wrap gap-2">
              {affected.map((component) => (
                <li key={component.id} className="rounded-md border border-slate-200 bg-white px-3 py-1.5 text-sm dark:border-slate-800 dark:bg-slate-900">
                  {component.name}
                  <span className="sr-only">, now </span>
                  <span className="ml-2">
                    <ComponentStatusLabel status={component.status} />
                  </span>
                </li>
              ))}
            </ul>
          </section>
        )}

        <UpdateTimeline headingId="updates" updates={incident.updates} timeZone={zone} cancelledAt={incident.cancelledAt} />

        {incident.postmortemHtml && (
          <section aria-labelledby="postmortem" className="space-y-2">
            <h2 id="postmortem" className="text-lg font-semibold">
              Postmortem
            </h2>
            <UpdateBody html={incident.postmortemHtml} />
          </section>
        )}
      </article>
    </PageShell>
  );
}
