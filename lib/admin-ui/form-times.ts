// Times in admin forms are wall-clock times in the page's time zone (datetime-local inputs).
import type { Db } from '../db.ts';
import { findPage } from '../page/page-settings.ts';
import { wallClockToInstant } from '../time.ts';

export async function pageTimeZone(db: Db): Promise<string> {
  return (await findPage(db))?.timeZone ?? 'Etc/UTC';
}

/** The instant a datetime-local field names; undefined when left empty, an invalid date when garbled. */
export function formTime(form: FormData, name: string, timeZone: string): Date | undefined {
  const value = String(form.get(name) ?? '');
  return value ? wallClockToInstant(value, timeZone) : undefined;
}
