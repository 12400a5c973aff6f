// What Prometheus Alertmanager (webhook payload version 4) and Grafana alerting (webhook contact
// point) post: both send `alerts`, each with a status, labels, annotations, times and a fingerprint.
// Only that common part is read; their other fields (receiver, groupKey, Grafana's values, title,
// message …) are allowed and ignored, so a newer sender's additions do not break the intake.
import { z } from 'zod';

/** More than a sender puts in one notification (Alertmanager's max_alerts, Grafana's batches). */
export const MAX_ALERTS_PER_POST = 1000;

/** An RFC 3339 time as Go writes it (up to nanoseconds); Grafana sends 0001-01-01T00:00:00Z for "none". */
const senderTime = z.iso.datetime({ offset: true, error: 'must be an RFC 3339 time, like 2026-11-30T06:00:00Z' });

export const webhookAlertSchema = z.looseObject({
  status: z.enum(['firing', 'resolved']),
  labels: z
    .record(z.string().min(1).max(200), z.string().max(2000))
    .refine((labels) => Object.keys(labels).length <= 100, 'may have at most 100 labels'),
  annotations: z.record(z.string().max(200), z.string().max(20_000)).optional(),
  startsAt: senderTime.optional(),
  endsAt: senderTime.optional(),
  /** The sender's id for the alert (its labels hashed); both Alertmanager and Grafana send one. */
  fingerprint: z.string().min(1).max(200).optional(),
});
export type WebhookAlert = z.output<typeof webhookAlertSchema>;

export const alertWebhookSchema = z.looseObject({
  alerts: z.array(webhookAlertSchema).max(MAX_ALERTS_PER_POST, `may hold at most ${MAX_ALERTS_PER_POST} alerts; lower max_alerts in the receiver`),
});
export type AlertWebhook = z.output<typeof alertWebhookSchema>;
