// The outbox's writing side: called inside the transaction of the write that causes a notification,
// so the notification exists exactly when the write committed. It writes ONE small row per event
// saying what happened, whatever the number of subscribers: posting an update costs the same with
// 10,000 of them as with one. The delivery worker (worker.ts) builds the body from it and fans it
// out to one delivery per subscriber, in one transaction of its own.
import type { Tx } from '../db/client.ts';
import { newId } from '../ids.ts';
import type { ComponentChange, ConfirmationPayload, ManageLinkPayload, NotificationEvent } from './payloads.ts';
import { ACTIVE_SUBSCRIBER, type FannedOutKind } from './subscribers.ts';

export type { ComponentChange } from './payloads.ts';

// Without anyone to tell (the usual case), a write pays one indexed read and writes nothing.
const anyoneSubscribed = async (tx: Tx) => Boolean(await tx.subscriber.findFirst({ where: ACTIVE_SUBSCRIBER, select: { id: true } }));

const eventRow = (kind: FannedOutKind, at: Date, event: NotificationEvent) => ({ id: newId(), kind, event: JSON.stringify(event), createdAt: at });

/**
 * Inside the write that posted update `updateId` on an incident or maintenance: tells the
 * subscribers of its components (and those of all), unless the update is not to be delivered.
 */
export async function enqueueIncidentNotifications(tx: Tx, incidentId: string, updateId: string, at = new Date()) {
  const update = await tx.incidentUpdate.findUniqueOrThrow({ where: { id: updateId }, select: { deliverNotifications: true } });
  if (!update.deliverNotifications || !(await anyoneSubscribed(tx))) return;
  await tx.notification.create({ data: eventRow('incident_update', at, { incidentId, updateId }) });
}

/** Inside the write that marked a maintenance as reminded of: tells its subscribers it starts soon. */
export async function enqueueMaintenanceReminder(tx: Tx, maintenanceId: string, at = new Date()) {
  if (!(await anyoneSubscribed(tx))) return;
  await tx.notification.create({ data: eventRow('maintenance_reminder', at, { incidentId: maintenanceId }) });
}

/**
 * Inside the write that changed these components' statuses: tells each one's subscribers (and those
 * of all). `byIncident`: an incident update made the changes, and announces them to people itself.
 */
export async function enqueueComponentNotifications(tx: Tx, changes: ComponentChange[], { byIncident = false, at = new Date() } = {}) {
  if (!changes.length || !(await anyoneSubscribed(tx))) return;
  const kind = byIncident ? 'incident_component_update' : 'component_update';
  await tx.notification.createMany({ data: changes.map((change) => eventRow(kind, at, { ...change, at: change.at.toISOString() })) });
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
