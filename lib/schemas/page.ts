// The page's settings: name, address, time zone and branding, as the settings form and the admin
// API send them. Optional fields take "" (an emptied form field) or null (an API client's "none") as none.
import { z } from 'zod';
import { accentColorProblem, parseHexColor } from '../accent-color.ts';
import { canonicalTimeZone } from '../time.ts';

const MAX_URL = 2000;

function parsedUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

const isHttpUrl = (value: string) => ['http:', 'https:'].includes(parsedUrl(value)?.protocol ?? '');

/** A trimmed string checked and shaped by `check` (a message refuses it); "" and null mean none. */
function optionalText(check: (value: string) => string | { error: string }) {
  return z
    .string()
    .trim()
    .max(MAX_URL)
    .transform((value, context) => {
      if (value === '') return null;
      const result = check(value);
      if (typeof result === 'string') return result;
      context.addIssue({ code: 'custom', message: result.error });
      return z.NEVER;
    })
    .nullable();
}

export const pageSettingsSchema = z.object({
  name: z.string().trim().min(1, 'enter the page’s name').max(100, 'must be at most 100 characters'),
  /** Where the status page lives; feeds, badges and incident links are built on it. */
  url: z
    .string()
    .trim()
    .max(MAX_URL)
    .refine(isHttpUrl, 'must be an absolute http:// or https:// address, like https://status.example.com')
    // Written as browsers do, without the trailing slash that links are built onto.
    .transform((value) => parsedUrl(value)!.href.replace(/\/+$/, '')),
  timeZone: z
    .string()
    .trim()
    .min(1, 'choose a time zone')
    .max(64)
    .transform((value, context) => {
      const zone = canonicalTimeZone(value);
      if (zone) return zone;
      context.addIssue({ code: 'custom', message: `"${value}" is not an IANA time zone; use a name such as Europe/Berlin or Etc/UTC` });
      return z.NEVER;
    }),
  /** Where visitors ask for help: a web page or an email address. */
  supportUrl: optionalText((value) =>
    isHttpUrl(value) || /^mailto:[^@\s]+@[^@\s]+$/i.test(value) ? value : { error: 'must be an http(s):// address or mailto:someone@example.com' },
  ),
  /** https only: the public page's Content-Security-Policy (and browsers) block plain-http images. */
  logoUrl: optionalText((value) =>
    parsedUrl(value)?.protocol === 'https:' || /^\/(?![/\\])[^\s\\]*$/.test(value)
      ? value
      : { error: 'must be an https:// address or a path on this site starting with /' },
  ),
  /** `#rrggbb` (`#rgb` is widened); dark enough to read as link colour on white. */
  accentColor: optionalText((value) => {
    const hex = parseHexColor(value);
    if (!hex) return { error: 'must be a colour written #rrggbb or #rgb, like #1d4ed8' };
    const problem = accentColorProblem(hex);
    return problem ? { error: problem } : hex;
  }),
});
export type PageSettings = z.output<typeof pageSettingsSchema>;

/** A change to some of the settings; what is left out stays as it is. */
export const pageSettingsUpdateSchema = pageSettingsSchema.partial();
export type PageSettingsInput = z.input<typeof pageSettingsUpdateSchema>;

/** The settings' names in words, for the form, the audit log and error messages. */
export const PAGE_SETTING_LABELS: Record<keyof PageSettings, string> = {
  name: 'name',
  url: 'URL',
  timeZone: 'time zone',
  supportUrl: 'support link',
  logoUrl: 'logo',
  accentColor: 'accent colour',
};
