// Whether a monitored component's status is still confirmed by its checks. If checks stop arriving
// (the checker stalled, every instance was down), the page must not go on showing the last status as
// if it were current: it says since when it is unconfirmed.

/** Missing two checks in a row, plus the time one may take, is overdue: one late check is not. */
export function checksOverdueAt(monitor: { lastCheckAt: Date | null; createdAt: Date; intervalSeconds: number; timeoutSeconds: number }): Date {
  const last = monitor.lastCheckAt ?? monitor.createdAt;
  return new Date(last.getTime() + (2 * monitor.intervalSeconds + monitor.timeoutSeconds) * 1000);
}

/**
 * Per component, since when its status is unconfirmed: the last check of the longest-silent of its
 * active monitors whose checks are overdue. Components with none overdue are left out. Alert
 * monitors have no periodic checks to miss (silence there means no alert fires): never overdue.
 */
export function unconfirmedSince(monitors: { kind: string; componentId: string; lastCheckAt: Date | null; createdAt: Date; intervalSeconds: number; timeoutSeconds: number }[], now: Date): Map<string, Date> {
  const since = new Map<string, Date>();
  for (const monitor of monitors) {
    if (monitor.kind === 'alert' || checksOverdueAt(monitor) > now) continue;
    const last = monitor.lastCheckAt ?? monitor.createdAt;
    const earlier = since.get(monitor.componentId);
    if (!earlier || last < earlier) since.set(monitor.componentId, last);
  }
  return since;
}
