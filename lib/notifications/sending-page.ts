// The page as its notifications name it (emails and chat messages): name, public address, accent
// colour, time zone. Read at most once a minute per database: a worker may send thousands of messages
// in a burst, and the page rarely changes.
import type { Db } from '../db/client.ts';
import { findPage, linkBaseUrl } from '../page/page-settings.ts';
import { processGlobal } from '../process-global.ts';
import { DEFAULT_PAGE } from '../status/page-rows.ts';
import type { ChatPage } from './chat-message.ts';
import type { EmailPage } from './email.ts';

type SendingPage = EmailPage & ChatPage;

const KEEP_MS = 60_000;
const cache = processGlobal('sending-page', () => new WeakMap<Db, { page: SendingPage; until: number }>());

export async function sendingPage(db: Db, now = Date.now()): Promise<SendingPage> {
  const cached = cache.get(db);
  if (cached && cached.until > now) return cached.page;
  const row = await findPage(db);
  const page = { name: row?.name ?? DEFAULT_PAGE.name, url: await linkBaseUrl(db), accentColor: row?.accentColor ?? null, timeZone: row?.timeZone ?? DEFAULT_PAGE.timeZone };
  cache.set(db, { page, until: now + KEEP_MS });
  return page;
}
