// The outbox's writing side: called inside the transaction of the write that causes a notification,
// so the notification exists exactly when the write committed. It writes ONE row per event, whatever
// the number of subscribers: posting an update costs the same with 10,000 of them. The delivery
// worker (worker.ts) fans each row out to one delivery per subscriber, in one transaction of its own.
import type { Tx } from '../db/client.ts';
import { newId } from '../ids.ts';
import { componentBodies, incidentBody, type ComponentChange, type ConfirmationPayload, type ManageLinkPayload, type NotificationBody } from './payloads.ts';
import { ACTIVE_SUBSCRIBER, type FannedOutKind } from './subscribers.ts';

export type { ComponentChange } from './payloads.ts';

// Without anyone to tell (the usual case), a write pays one indexed read and builds nothing.
const anyoneSubscribed = async (tx: Tx) => Boolean(await tx.subscriber.findFirst({ where: ACTIVE_SUBSCRIBER, select: { id: true } }));

const notificationRow = (kind: FannedOutKind, at: Date, { body, componentIds }: { body: NotificationBody; componentIds: string[] }) => ({
  id: newId(),
  kind,
  payload: JSON.stringify(body),
  componentIds: JSON.stringify(componentIds),
  createdAt: at,
});

/**
 * Inside the write that posted update `updateId` on an incident or maintenance: tells the
 * subscribers of its components (and those of all), unless the update is not to be delivered.
 */
export async function enqueueIncidentNotifications(tx: Tx, incidentId: string, updateId: string, at = new Date()) {
  const update = await tx.incidentUpdate.findUniqueOrThrow({ where: { id: updateId }, select: { deliverNotifications: true } });
  if (!update.deliverNotifications || !(await anyoneSubscribed(tx))) return;
  await tx.notification.create({ data: notificationRow('incident_update', at, await incidentBody(tx, incidentId, at)) });
}

/** Inside the write that marked a maintenance as reminded of: tells its subscribers it starts soon. */
export async function enqueueMaintenanceReminder(tx: Tx, maintenanceId: string, at = new Date()) {
  if (!(await anyoneSubscribed(tx))) return;
  await tx.notification.create({ data: notificationRow('maintenance_reminder', at, await incidentBody(tx, maintenanceId, at)) });
}

/**
 * Inside the write that changed these components' statuses: tells each one's subscribers (and those
 * of all). `byIncident`: an incident update made the changes, and announces them to people itself.
 */
export async function enqueueComponentNotifications(tx: Tx, changes: ComponentChange[], { byIncident = false, at = new Date() } = {}) {
  if (!changes.length || !(await anyoneSubscribed(tx))) return;
  const bodies = await componentBodies(tx, changes, at);
  await tx.notification.createMany({ data: bodies.map((body) => notificationRow(byIncident ? 'incident_component_update' : 'component_update', at, body)) });
}

/**
 * Inside the write that subscribed or re-subscribed an address: one message to that subscriber alone
 * (a confirmation link, or a link to manage a subscription it already has), written with its delivery
 * so the worker sends it like any other: retried, logged, never lost.
 */
export async function enqueueMessageTo(tx: Tx, subscriberId: string, kind: 'confirmation' | 'manage_link', payload: ConfirmationPayload | ManageLinkPayload, at = new Date()) {
  const notificationId = newId();
  await tx.notification.create({ data: { id: notificationId, kind, payload: JSON.stringify(payload), componentIds: '[]', createdAt: at, fannedOutAt: at } });
  await tx.delivery.create({ data: { id: newId(), notificationId, subscriberId, nextAttemptAt: at, createdAt: at } });
}
