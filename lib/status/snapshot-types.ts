import type { ComponentStatus, Impact, IncidentKind, IncidentStatus, Indicator, MaintenanceStatus } from '../schemas/status.ts';
import type { UptimeDay, UptimeWindow } from './uptime.ts';

/** Everything a visitor can see, built once per change; timestamps are ISO strings in UTC. */
export interface Snapshot {
  page: SnapshotPage;
  status: { indicator: Indicator; description: string };
  /** Top-level order of groups and ungrouped components. */
  layout: { kind: 'group' | 'component'; id: string }[];
  groups: SnapshotGroup[];
  /** Every component, grouped ones included, in position order. */
  components: SnapshotComponent[];
  /** Incidents (kind "incident"), newest first. */
  incidents: SnapshotIncident[];
  /** Scheduled maintenances, newest window first. */
  maintenances: SnapshotIncident[];
  /** The days the uptime bars cover, oldest first (YYYY-MM-DD in the page's zone). */
  uptimeDays: string[];
  /** When the data last changed. */
  updatedAt: string;
  /** When this snapshot was read from the database. */
  builtAt: string;
}

/** The page's structure without uptime: what the admin API reads, and what the v2 JSON serializers need. */
export interface PageLayout {
  page: SnapshotPage;
  layout: Snapshot['layout'];
  groups: SnapshotGroup[];
  components: LayoutComponent[];
}

export type LayoutComponent = Omit<SnapshotComponent, 'uptime' | 'unconfirmedSince' | 'responseTimes'>;

export interface SnapshotPage {
  id: string;
  name: string;
  url: string;
  timeZone: string;
  supportUrl: string | null;
  logoUrl: string | null;
  accentColor: string | null;
  updatedAt: string;
}

export interface SnapshotGroup {
  id: string;
  name: string;
  description: string | null;
  position: number;
  /** The worst of its components' statuses. */
  status: ComponentStatus;
  componentIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface SnapshotComponent {
  id: string;
  name: string;
  description: string | null;
  status: ComponentStatus;
  position: number;
  showcase: boolean;
  onlyShowIfDegraded: boolean;
  showResponseTimes: boolean;
  startDate: string | null;
  groupId: string | null;
  createdAt: string;
  updatedAt: string;
  /** When its monitors' checks stopped arriving, if they did: its status is not confirmed since. */
  unconfirmedSince: string | null;
  /** With showResponseTimes and a monitor that measures them: its response times per range. */
  responseTimes: { range: '24h' | '7d' | '90d'; from: string; to: string; points: { start: string; p50Ms: number | null; p95Ms: number | null }[] }[] | null;
  uptime: {
    /** Over the whole window, 0..1, or null without history. */
    percent: number | null;
    /** Over the last 7, 30 and 90 days. */
    lastDays: Record<UptimeWindow, number | null>;
    days: UptimeDay[];
    /** Ids of the incidents that touched this component, by day (only days with any). */
    incidentsByDay: Record<string, string[]>;
  };
}

export interface SnapshotAffectedComponent {
  code: string;
  name: string;
  old_status: ComponentStatus;
  new_status: ComponentStatus;
}

export interface SnapshotUpdate {
  id: string;
  status: IncidentStatus | MaintenanceStatus;
  /** Markdown, as the operator wrote it. */
  body: string;
  /** Sanitized HTML for visitors. */
  bodyHtml: string;
  displayAt: string;
  createdAt: string;
  updatedAt: string;
  deliverNotifications: boolean;
  affectedComponents: SnapshotAffectedComponent[] | null;
}

export interface SnapshotIncident {
  id: string;
  kind: IncidentKind;
  name: string;
  status: IncidentStatus | MaintenanceStatus;
  impact: Impact;
  createdAt: string;
  updatedAt: string;
  startedAt: string;
  monitoringAt: string | null;
  resolvedAt: string | null;
  scheduledFor: string | null;
  scheduledUntil: string | null;
  /** A maintenance called off: shown as cancelled, and left out of the calendar. */
  cancelledAt: string | null;
  /** A deploy window (a maintenance a deploy script opened). */
  deploy: boolean;
  componentIds: string[];
  /** Newest first. */
  updates: SnapshotUpdate[];
  postmortemHtml: string | null;
}
