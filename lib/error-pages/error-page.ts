// The pages a reverse proxy shows instead of its own "502 Bad Gateway": what happened in plain words,
// what a visitor can do, and the live status, from the snapshot and (where scripts run) from the
// status page's summary.json. Self-contained (no file, font or image fetched; the logo inlined), and
// small: HAProxy's `errorfile` must fit in its 16 KB buffer with the headers. Written as template
// strings, not React: a fixed, small page with every value escaped by xmlText.
import { createHash } from 'node:crypto';
import { accentForDarkMode, parseHexColor, readableAccent } from '../accent-color.ts';
import { pageBaseUrl } from '../feeds/history-feeds.ts';
import { xmlText } from '../feeds/xml.ts';
import { markdownToLines } from '../markdown.ts';
import { ACTIVE_MAINTENANCE_STATUSES, UNRESOLVED_INCIDENT_STATUSES, updateStatusLabel, type Indicator } from '../schemas/status.ts';
import type { Snapshot, SnapshotIncident } from '../status/snapshot-types.ts';
import { formatDateTime } from '../time.ts';
import { ERROR_PAGE_SCRIPT } from './live-update.ts';

export const GATEWAY_ERRORS = [502, 503, 504] as const;
export type GatewayError = (typeof GATEWAY_ERRORS)[number];

/** What each error is called, and what it means to someone who only wanted the page. */
const MEANINGS: Record<GatewayError, { reason: string; title: string; meaning: string }> = {
  502: {
    reason: 'Bad Gateway',
    title: 'This site is having trouble right now',
    meaning:
      'The server that runs this site did not answer properly, so the gateway in front of it could not show you the page. ' +
      'Nothing is wrong with your device or your connection.',
  },
  503: {
    reason: 'Service Unavailable',
    title: 'This site is briefly unavailable',
    meaning: 'The site cannot take requests right now: it may be overloaded or being updated. It is usually back within minutes.',
  },
  504: {
    reason: 'Gateway Timeout',
    title: 'This site is taking too long to answer',
    meaning:
      'The server that runs this site did not answer in time, so the gateway in front of it stopped waiting. ' +
      'Nothing is wrong with your device or your connection.',
  },
};

/** The colour of the status box's edge, by how bad it is (classes the live update sets too). */
const TONES: Record<Indicator | 'deploy', string> = { none: '#16a34a', minor: '#ca8a04', major: '#ea580c', critical: '#dc2626', maintenance: '#2563eb', deploy: '#2563eb' };
const TONE_STYLE = Object.entries(TONES).map(([tone, color]) => `.t-${tone}{--tone:${color}}`).join('');

/** What the page says of the current status, as of the snapshot. */
export interface ErrorPageStatus {
  tone: Indicator | 'deploy';
  headline: string;
  detail: string | null;
  /** The active incidents and windows, as the live update compares them with summary.json's. */
  fingerprint: string;
}

const isActive = (incident: SnapshotIncident) =>
  incident.kind === 'maintenance' ? (ACTIVE_MAINTENANCE_STATUSES as readonly string[]).includes(incident.status) : (UNRESOLVED_INCIDENT_STATUSES as readonly string[]).includes(incident.status);

/** Lines (a list's items) as one run of sentences: "Retried safely\nNo data lost" → "Retried safely. No data lost." */
export const asSentences = (text: string) =>
  text
    .split(/\n+/)
    .map((line) => line.replace(/^(?:•|\d+\.)\s+/, '').replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((line) => (/[.!?:;…]$/.test(line) ? line : `${line}.`))
    .join(' ');

/** What is going on, in the order a visitor cares: a deploy, planned work, a known incident, nothing known. */
export function errorPageStatus(snapshot: Snapshot): ErrorPageStatus {
  const zone = snapshot.page.timeZone;
  const windows = snapshot.maintenances.filter(isActive);
  const incidents = snapshot.incidents.filter(isActive);
  // What the live update compares: each active one with its status and its latest update.
  const fingerprint = [...windows, ...incidents].map((incident) => `${incident.id}:${incident.status}:${incident.updates[0]?.id ?? ''}`).sort().join(',');
  const latest = (incident: SnapshotIncident) => {
    const update = incident.updates[0];
    if (!update) return null;
    const text = asSentences(markdownToLines(update.body));
    return `${updateStatusLabel(update.status)} at ${formatDateTime(update.displayAt, zone)}: ${text.length > 280 ? `${text.slice(0, 279)}…` : text}`;
  };
  const deploy = windows.find((window) => window.deploy);
  if (deploy) {
    const until = deploy.scheduledUntil ? ` It should be over by ${formatDateTime(deploy.scheduledUntil, zone)}.` : '';
    return { tone: 'deploy', headline: `A deploy is in progress: ${deploy.name}.${until}`, detail: 'The site restarts during a deploy; try again in a few minutes.', fingerprint };
  }
  if (windows.length) {
    const window = windows[0];
    const until = window.scheduledUntil ? `, planned to end by ${formatDateTime(window.scheduledUntil, zone)}` : '';
    return { tone: 'maintenance', headline: `Planned maintenance is in progress: ${window.name}${until}.`, detail: latest(window), fingerprint };
  }
  if (incidents.length) {
    const incident = incidents[0];
    const more = incidents.length > 1 ? ` (and ${incidents.length - 1} more)` : '';
    return { tone: snapshot.status.indicator, headline: `The team knows about it: ${incident.name}${more}.`, detail: latest(incident), fingerprint };
  }
  return {
    tone: snapshot.status.indicator,
    headline: `The status page shows ${snapshot.status.description.toLowerCase()}.`,
    detail: 'The team may not know about this problem yet: if it goes on, tell them.',
    fingerprint,
  };
}

const STYLE =
  ':root{color-scheme:light dark;--bg:#f8fafc;--card:#fff;--ink:#0f172a;--muted:#475569;--line:#e2e8f0;--accent:ACCENT}' +
  '@media (prefers-color-scheme:dark){:root{--bg:#020617;--card:#0f172a;--ink:#f1f5f9;--muted:#cbd5e1;--line:#334155;--accent:DARK}}' +
  'body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}' +
  'main{max-width:40rem;margin:0 auto;padding:2rem 1.25rem 3rem}' +
  'header{display:flex;align-items:center;gap:.6rem;font-weight:600;font-size:1.05rem}header img{height:2rem;width:auto;max-width:10rem}' +
  '.code{margin:2.25rem 0 .25rem;color:var(--muted);font-size:.85rem;font-weight:600;letter-spacing:.05em;text-transform:uppercase}' +
  'h1{font-size:1.65rem;line-height:1.25;margin:0 0 .75rem}h2{font-size:1.1rem;margin:2rem 0 .5rem}' +
  '.status{margin:1.5rem 0;padding:.9rem 1.1rem;border:1px solid var(--line);border-left:.35rem solid var(--tone);border-radius:.6rem;background:var(--card)}' +
  '.status p{margin:.2rem 0}.status .headline{font-weight:600}.muted{color:var(--muted);font-size:.9rem}' +
  '.status h2{margin:0 0 .25rem;font-size:.85rem;color:var(--muted)}' +
  TONE_STYLE +
  'a{color:var(--accent)}ul{padding-left:1.25rem;margin:.5rem 0}li{margin:.35rem 0}' +
  'footer{margin-top:2.5rem;padding-top:1rem;border-top:1px solid var(--line);color:var(--muted);font-size:.85rem}';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

export interface RenderedErrorPage {
  html: string;
  /** The Content-Security-Policy that lets its own style and script run and nothing else (Gatewatch serves it with it). */
  policy: string;
}

/** HAProxy keeps 1 KB of its 16 KB buffer for rewrites: a raw errorfile must fit in the rest. */
export const MAX_RAW_RESPONSE_BYTES = 16_384 - 1024;

/**
 * The error page for `code`, as of `snapshot`, small enough for HAProxy: with the logo (a data: URI,
 * if it could be inlined) when it fits, else without it, else with long texts shortened.
 */
export function renderErrorPage(snapshot: Snapshot, code: GatewayError, logo: string | null): RenderedErrorPage {
  const full = renderPage(snapshot, code, logo, false);
  if (Buffer.byteLength(rawHttpResponse(code, full.html)) <= MAX_RAW_RESPONSE_BYTES) return full;
  const withoutLogo = renderPage(snapshot, code, null, false);
  if (Buffer.byteLength(rawHttpResponse(code, withoutLogo.html)) <= MAX_RAW_RESPONSE_BYTES) return withoutLogo;
  return renderPage(snapshot, code, null, true);
}

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** `compact`: names and messages cut short, no support link (their sizes are the operator's to choose). */
function renderPage(snapshot: Snapshot, code: GatewayError, logo: string | null, compact: boolean): RenderedErrorPage {
  const page = compact ? { ...snapshot.page, name: shorten(snapshot.page.name, 60), supportUrl: null } : snapshot.page;
  const meaning = MEANINGS[code];
  const fullStatus = errorPageStatus(snapshot);
  const status = compact ? { ...fullStatus, headline: shorten(fullStatus.headline, 300), detail: fullStatus.detail && shorten(fullStatus.detail, 200) } : fullStatus;
  const base = pageBaseUrl(snapshot);
  const accent = parseHexColor(page.accentColor ?? '') ?? '#1d4ed8';
  const style = STYLE.replace('ACCENT', readableAccent(accent)).replace('DARK', accentForDarkMode(accent));
  const asOf = formatDateTime(snapshot.builtAt, page.timeZone);
  const statusUrl = base ? `${base}/` : null;
  const support = page.supportUrl
    ? `<li>Still stuck? <a href="${xmlText(page.supportUrl)}">Contact ${xmlText(page.name)}'s support</a> and say you saw error ${code} at this time.</li>`
    : '';
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="robots" content="noindex"><title>${code} ${meaning.reason} · ${xmlText(page.name)}</title><style>${style}</style></head><body><main>` +
    `<header>${logo ? `<img src="${xmlText(logo)}" alt="">` : ''}<span>${xmlText(page.name)}</span></header>` +
    `<p class="code">Error ${code} · ${meaning.reason}</p><h1>${meaning.title}</h1><p>${meaning.meaning}</p>` +
    `<section class="status t-${status.tone}" aria-labelledby="gw-status-title" data-fingerprint="${xmlText(status.fingerprint)}"` +
    `${base ? ` data-summary="${xmlText(`${base}/api/v2/summary.json`)}"` : ''}>` +
    `<h2 id="gw-status-title">Current status</h2>` +
    `<div id="gw-live" aria-live="polite"><p class="headline">${xmlText(status.headline)}</p>${status.detail ? `<p>${xmlText(status.detail)}</p>` : ''}</div>` +
    `<p class="muted"><span id="gw-as-of">As of ${xmlText(asOf)}</span>${statusUrl ? ` · <a href="${xmlText(statusUrl)}">See the status page</a>` : ''}</p></section>` +
    `<h2>What you can do</h2><ul>` +
    `<li>Wait a minute or two, then <a href="">try again</a>.</li>` +
    `<li>If you were sending something (a payment, an order, a form), check whether it went through before you send it again.</li>` +
    `<li>If this page keeps coming back while others can use the site, clear this site's cached data in your browser, or try another browser or device.</li>` +
    support +
    `</ul><footer>Error ${code} shown by the gateway of ${xmlText(page.name)}${statusUrl ? ` · status at <a href="${xmlText(statusUrl)}">${xmlText(base.replace(/^https?:\/\//, ''))}</a>` : ''}</footer>` +
    `</main><script>${ERROR_PAGE_SCRIPT}</script></body></html>\n`;
  const connect = base ? new URL(base).origin : "'none'";
  const policy = `default-src 'none'; style-src ${sha256(style)}; script-src ${sha256(ERROR_PAGE_SCRIPT)}; img-src data:; connect-src ${connect}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
  return { html, policy };
}

/**
 * The page as a raw HTTP response, for HAProxy's `errorfile` (it sends the file as it is): the error's
 * status line, headers that keep it out of caches, and the body.
 */
export function rawHttpResponse(code: GatewayError, html: string): string {
  const body = Buffer.from(html);
  return (
    `HTTP/1.1 ${code} ${MEANINGS[code].reason}\r\n` +
    'Content-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\n' +
    `Content-Length: ${body.length}\r\n\r\n${html}`
  );
}
