// Deploy windows: a deploy script opens a short maintenance on the components it restarts (one call),
// and finishes it when done, or the window ends on its own when its time runs out (the maintenance
// schedule completes it). Meanwhile the components show "under maintenance" with the deploy's name,
// their monitors open no incidents (lib/monitors/status-rule.ts leaves components under
// maintenance), and the error pages say a deploy is under way.
import { recordAudit } from '../audit/audit-log.ts';
import { requirePermission, type Actor } from '../access/permissions.ts';
import { applyComponentStatuses, lockComponents } from '../components/apply-statuses.ts';
import type { Db, Tx } from '../db/client.ts';
import { visibleWrite } from '../db/writes.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { incidentAtVersion } from '../incidents/incident-version.ts';
import { writeIncidentUpdate } from '../incidents/post-update.ts';
import { newUpdateData } from '../incidents/update-data.ts';
import { enqueueIncidentNotifications } from '../notifications/enqueue.ts';
import { pageTimeZone } from '../page/page-settings.ts';
import { deployFinishSchema, deployStartSchema, type DeployFinishInput, type DeployStartInput } from '../schemas/deploy.ts';
import { ACTIVE_MAINTENANCE_STATUSES, isClosedStatus } from '../schemas/status.ts';
import { slugify } from '../slug.ts';
import { formatDateTime } from '../time.ts';
import { listInWords } from '../words.ts';

/** The incidents that are deploy windows in progress. */
export const DEPLOYS_IN_PROGRESS = { deploy: true, status: { in: [...ACTIVE_MAINTENANCE_STATUSES] } };

/** Opens a deploy window now, in progress at once; answers with it as an incident (kind maintenance). */
export async function startDeploy(db: Db, input: DeployStartInput, actor: Actor) {
  requirePermission(actor, 'deploys.write');
  const data = deployStartSchema.parse(input);
  const id = newId();
  await visibleWrite(db, async (tx) => {
    const components = await componentsNamed(tx, data.components);
    const ids = components.map((component) => component.id);
    const now = new Date();
    const until = new Date(now.getTime() + data.minutes * 60_000);
    const timeZone = await pageTimeZone(tx);
    // The components' row locks first: two starts at once on PostgreSQL see each other's window.
    await lockComponents(tx, ids);
    const clash = await tx.incident.findFirst({ where: { ...DEPLOYS_IN_PROGRESS, components: { some: { componentId: { in: ids } } } }, select: { name: true, scheduledUntil: true } });
    if (clash) {
      throw new AppError(
        'conflict',
        `The deploy "${clash.name}" is still in progress on some of these components (until ${formatDateTime(clash.scheduledUntil!, timeZone)}); finish it first.`,
      );
    }
    await tx.incident.create({
      data: {
        id,
        kind: 'maintenance',
        deploy: true,
        name: data.name,
        status: 'in_progress',
        impact: 'maintenance',
        startedAt: now,
        scheduledFor: now,
        scheduledUntil: until,
        components: { create: ids.map((componentId) => ({ componentId })) },
      },
    });
    const statuses = Object.fromEntries(ids.map((componentId) => [componentId, 'under_maintenance' as const]));
    // Not a person's choice of status (monitors take their components back when it ends), and told by
    // the update or not at all: people following a component hear nothing of a quiet deploy.
    const before = await applyComponentStatuses(tx, statuses, now, [], id, false, true);
    const names = listInWords(components.map((component) => component.name));
    const body = data.message || `We are deploying a new version of ${names}; ${components.length === 1 ? 'it' : 'they'} may be briefly unavailable until about ${formatDateTime(until, timeZone)}.`;
    const update = await tx.incidentUpdate.create({
      data: { ...newUpdateData({ status: 'in_progress', body, at: now, deliverNotifications: data.deliverNotifications, before, statuses }), incidentId: id },
    });
    await enqueueIncidentNotifications(tx, id, update.id);
    await recordAudit(tx, actor, {
      action: 'deploy.start',
      targetType: 'incident',
      targetId: id,
      summary: `Started the deploy "${data.name}" on ${names} until ${formatDateTime(until, timeZone)}`,
    });
  });
  return db.incident.findUniqueOrThrow({ where: { id } });
}

/**
 * Finishes a deploy window (the one given, or the only one in progress): its components come back.
 * Finishing one that already ended (its time ran out first) changes nothing and says so.
 */
export async function finishDeploy(db: Db, input: DeployFinishInput, actor: Actor): Promise<{ deploy: { id: string; name: string }; alreadyEnded: boolean }> {
  requirePermission(actor, 'deploys.write');
  const data = deployFinishSchema.parse(input);
  return visibleWrite(db, async (tx, outcome) => {
    const id = data.id ?? (await onlyDeployInProgress(tx));
    const existing = await incidentAtVersion(tx, id).catch((error: unknown) => {
      throw error instanceof AppError && error.status === 404 ? new AppError('not_found', 'There is no deploy with this id.') : error;
    });
    if (!existing.deploy) throw new AppError('not_found', `"${existing.name}" is not a deploy window; end it as a maintenance.`);
    if (isClosedStatus(existing.status)) {
      outcome.nothingVisibleChanged();
      return { deploy: existing, alreadyEnded: true };
    }
    // Notified at the end only if its start was.
    const started = await tx.incidentUpdate.findFirst({ where: { incidentId: id }, orderBy: { displayAt: 'asc' }, select: { deliverNotifications: true } });
    await writeIncidentUpdate(tx, existing, { status: 'completed', body: data.message || 'The deploy is done.', components: {}, keepComponentIds: [], deliverNotifications: started?.deliverNotifications ?? false }, actor);
    // The window ended now, not when it was planned to: the history and the calendar say so.
    await tx.incident.update({ where: { id }, data: { scheduledUntil: new Date() } });
    return { deploy: existing, alreadyEnded: false };
  });
}

/** The deploys in progress, soonest end first. */
export function deploysInProgress(db: Db | Tx) {
  return db.incident.findMany({ where: DEPLOYS_IN_PROGRESS, orderBy: { scheduledUntil: 'asc' }, include: { components: { select: { componentId: true } } } });
}

async function onlyDeployInProgress(tx: Tx): Promise<string> {
  const running = await deploysInProgress(tx);
  if (running.length === 1) return running[0].id;
  if (!running.length) throw new AppError('not_found', 'No deploy is in progress (it may have ended on its own when its time ran out).');
  const timeZone = await pageTimeZone(tx);
  const named = running.map((deploy) => `"${deploy.name}" (until ${formatDateTime(deploy.scheduledUntil!, timeZone)})`);
  throw new AppError('invalid_field', `${running.length} deploys are in progress: ${listInWords(named)}. Say which to finish by its id (the command line's \`deploy list\` shows them).`, running.map((deploy) => ({ id: deploy.id, name: deploy.name })));
}

/**
 * The components `refs` name: by id, or by name in any spelling of its slug ("Public API",
 * "public-api"); a group stands for its components. Unknown or ambiguous names are refused together.
 */
async function componentsNamed(tx: Tx, refs: string[]) {
  const [components, groups] = await Promise.all([
    tx.component.findMany({ select: { id: true, name: true, groupId: true }, orderBy: { position: 'asc' } }),
    tx.componentGroup.findMany({ select: { id: true, name: true } }),
  ]);
  const chosen = new Map<string, { id: string; name: string }>();
  const problems: { component: string; problem: string }[] = [];
  for (const ref of refs) {
    const slug = slugify(ref);
    const byId = components.find((component) => component.id === ref) ?? groups.find((group) => group.id === ref);
    const bySlug = byId ? [byId] : [...components, ...groups].filter((subject) => slug && slugify(subject.name) === slug);
    if (bySlug.length === 0) problems.push({ component: ref, problem: `There is no component or group called "${ref}".` });
    else if (bySlug.length > 1) problems.push({ component: ref, problem: `More than one component or group is called "${ref}"; name it by its id.` });
    else {
      const subject = bySlug[0];
      const members = 'groupId' in subject ? [subject] : components.filter((component) => component.groupId === subject.id);
      if (!members.length) problems.push({ component: ref, problem: `The group "${subject.name}" has no components.` });
      for (const member of members) chosen.set(member.id, member);
    }
  }
  if (problems.length) throw new AppError('validation_failed', problems.map((problem) => problem.problem).join(' '), problems);
  return [...chosen.values()];
}
