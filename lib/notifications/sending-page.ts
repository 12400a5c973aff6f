// The page as its notifications name it: name, public address, accent colour. Read at most once a
// minute per database: a worker may send thousands of messages in a burst, and the page rarely changes.
import type { Db } from '../db/client.ts';
import { findPage, publicBaseUrl } from '../page/page-settings.ts';
import { processGlobal } from '../process-global.ts';
import { DEFAULT_PAGE } from '../status/page-rows.ts';
import type { EmailPage } from './email.ts';

const KEEP_MS = 60_000;
const cache = processGlobal('sending-page', () => new WeakMap<Db, { page: EmailPage; until: number }>());

export async function sendingPage(db: Db, now = Date.now()): Promise<EmailPage> {
  const cached = cache.get(db);
  if (cached && cached.until > now) return cached.page;
  const row = await findPage(db);
  const page = { name: row?.name ?? DEFAULT_PAGE.name, url: (await publicBaseUrl(db)) || DEFAULT_PAGE.url, accentColor: row?.accentColor ?? null };
  cache.set(db, { page, until: now + KEEP_MS });
  return page;
}
