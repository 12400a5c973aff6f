// Whether a monitored component's status is still confirmed by its checks. If checks stop arriving
// (the checker stalled, every instance was down), the page must not go on showing the last status as
// if it were current: it says since when it is unconfirmed.

interface MonitorTimes {
  lastCheckAt: Date | null;
  /** When its state last changed, or it started afresh (resumed, moved). */
  stateSince: Date | null;
  createdAt: Date;
  intervalSeconds: number;
  timeoutSeconds: number;
}

/** The latest sign of life: its last check, or when it was made or started afresh. */
const lastSign = (monitor: MonitorTimes) => new Date(Math.max(monitor.createdAt.getTime(), monitor.lastCheckAt?.getTime() ?? 0, monitor.stateSince?.getTime() ?? 0));

/** Missing two checks in a row, plus the time one may take, is overdue: one late check is not. */
export function checksOverdueAt(monitor: MonitorTimes): Date {
  const last = lastSign(monitor);
  return new Date(last.getTime() + (2 * monitor.intervalSeconds + monitor.timeoutSeconds) * 1000);
}

/**
 * Per component, since when its status is unconfirmed: the last check of the longest-silent of its
 * active monitors whose checks are overdue. Components with none overdue are left out. Alert
 * monitors have no periodic checks to miss (silence there means no alert fires): never overdue.
 */
export function unconfirmedSince(monitors: (MonitorTimes & { kind: string; componentId: string })[], now: Date): Map<string, Date> {
  const since = new Map<string, Date>();
  for (const monitor of monitors) {
    if (monitor.kind === 'alert' || checksOverdueAt(monitor) > now) continue;
    const last = lastSign(monitor);
    const earlier = since.get(monitor.componentId);
    if (!earlier || last < earlier) since.set(monitor.componentId, last);
  }
  return since;
}
