import ipaddr from 'ipaddr.js';
import { getEnv } from '../env.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { requirePermission, type Actor } from '../access/permissions.ts';
import type { Db, Tx } from '../db/client.ts';
import { visibleWrite } from '../db/writes.ts';
import { PAGE_SETTING_LABELS, pageSettingsUpdateSchema, type PageSettings, type PageSettingsInput } from '../schemas/page.ts';
import { DEFAULT_PAGE } from '../status/page-rows.ts';
import { listInWords } from '../words.ts';

/** The page's row; the first one, as everywhere else (Gatewatch serves one page). */
export function findPage(db: Db | Tx) {
  return db.page.findFirst({ orderBy: { createdAt: 'asc' } });
}

/** Where visitors reach the page: PUBLIC_URL, else the page's own URL setting, without a trailing slash. */
export async function publicBaseUrl(db: Db | Tx): Promise<string> {
  return (getEnv().PUBLIC_URL ?? (await findPage(db))?.url ?? '').replace(/\/+$/, '');
}

/** Whether only the machine Gatewatch runs on reaches `url` (localhost, a loopback address): links built on it work for nobody else. */
export function reachedOnlyHere(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return true;
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  return ipaddr.isValid(host) && ['loopback', 'unspecified'].includes(ipaddr.process(host).range());
}

/** Where the links in what is sent (emails, chat messages) point: the public URL, else the default page's, as the public JSON says. */
export async function linkBaseUrl(db: Db | Tx): Promise<string> {
  return (await publicBaseUrl(db)) || DEFAULT_PAGE.url;
}

/**
 * When the links in what is sent (emails, chat messages) would open only on this machine: where they
 * go, and where that address is set (PUBLIC_URL comes before the page's setting). Null when they work.
 */
export async function linksReachedOnlyHere(db: Db | Tx): Promise<{ url: string; setIn: 'PUBLIC_URL' | 'settings' } | null> {
  const url = await linkBaseUrl(db);
  return reachedOnlyHere(url) ? { url, setIn: getEnv().PUBLIC_URL ? 'PUBLIC_URL' : 'settings' } : null;
}

/** The page's time zone, in which the public pages and the admin show times; UTC before any is set. */
export async function pageTimeZone(db: Db | Tx): Promise<string> {
  return (await findPage(db))?.timeZone ?? DEFAULT_PAGE.timeZone;
}

/** What the page shows before anyone saved settings (the snapshot's own defaults). */
const UNSET: PageSettings & { id: string } = { ...DEFAULT_PAGE, supportUrl: null, logoUrl: null, accentColor: null };

/**
 * Changes the page's settings (those given; the rest stay) in one transaction with its audit row,
 * which names each changed field with its old and new value; then the public page is rebuilt.
 * On a database with no page yet, creates it.
 */
export async function updatePageSettings(db: Db, input: PageSettingsInput, actor: Actor) {
  requirePermission(actor, 'page.configure');
  const data = pageSettingsUpdateSchema.parse(input);
  const page = await visibleWrite(db, async (tx, outcome) => {
    const existing = await findPage(tx);
    const before: PageSettings = existing ?? UNSET;
    const fields = (Object.keys(data) as (keyof PageSettings)[]).filter((field) => data[field] !== undefined && data[field] !== before[field]);
    if (existing && fields.length === 0) {
      outcome.nothingVisibleChanged();
      return existing;
    }
    const changes = Object.fromEntries(fields.map((field) => [field, data[field]]));
    const saved = existing
      ? await tx.page.update({ where: { id: existing.id }, data: changes })
      : await tx.page.create({ data: { ...UNSET, ...changes } });
    await recordAudit(tx, actor, {
      action: 'page.update',
      targetType: 'page',
      targetId: saved.id,
      summary: fields.length ? `Changed the page’s ${listInWords(fields.map((field) => PAGE_SETTING_LABELS[field]))}` : 'Saved the page settings',
      details: Object.fromEntries(fields.map((field) => [field, { from: before[field], to: data[field] }])),
    });
    return saved;
  });
  return page;
}
