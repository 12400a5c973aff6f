// Times in admin forms are wall-clock times in the page's time zone (datetime-local inputs).
import { wallClockToInstant } from '../time.ts';

export { pageTimeZone } from '../page/page-settings.ts';

/** The instant a datetime-local field names; undefined when left empty, an invalid date when garbled. */
export function formTime(form: FormData, name: string, timeZone: string): Date | undefined {
  const value = String(form.get(name) ?? '');
  return value ? wallClockToInstant(value, timeZone) : undefined;
}
