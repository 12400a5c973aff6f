import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accentColorProblem, accentForDarkMode, contrastRatio, DARK_BACKGROUND, LIGHT_BACKGROUND, MIN_ACCENT_CONTRAST, parseHexColor } from '@/lib/accent-color';
import { reachedOnlyHere } from '@/lib/page/page-settings';
import { HTML_HEADERS } from '@/lib/read-path/fast-path';
import { pageSettingsSchema, pageSettingsUpdateSchema } from '@/lib/schemas/page';
import { canonicalTimeZone, timeZoneNames } from '@/lib/time';

const hexColor = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map((rgb) => `#${rgb.map((channel) => channel.toString(16).padStart(2, '0')).join('')}`);
const valid = { name: 'Acme', url: 'https://status.acme.test', timeZone: 'Etc/UTC', supportUrl: '', logoUrl: '', accentColor: '' };
const fieldError = (input: Record<string, unknown>, field: string) => {
  const result = pageSettingsSchema.safeParse({ ...valid, ...input });
  return result.success ? undefined : result.error.issues.find((issue) => issue.path[0] === field)?.message;
};

describe('the accent colour rule', () => {
  it('reads #rrggbb and #rgb in any case, and nothing else', () => {
    expect(parseHexColor('#1D4ED8')).toBe('#1d4ed8');
    expect(parseHexColor(' #14d ')).toBe('#1144dd');
    for (const bad of ['1d4ed8', '#1d4ed', '#12345g', 'blue', 'rgb(0,0,0)', '#1d4ed8ff', '']) expect(parseHexColor(bad), bad).toBeNull();
  });

  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // The classic pair around the AA threshold: #767676 passes on white, #777777 does not.
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThan(4.5);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
  });

  it('refuses colours too light for links on the page background, naming the ratio and a shade that passes', () => {
    expect(accentColorProblem('#1d4ed8')).toBeNull();
    expect(accentColorProblem('#000000')).toBeNull();
    // Measured on the page's slate-50, a little darker than white: #767676 just misses there.
    expect(accentColorProblem('#707070')).toBeNull();
    expect(accentColorProblem('#767676')).toMatch(/contrast 4\.3:1/);
    const problem = accentColorProblem('#16a34a')!;
    expect(problem).toMatch(/too light .*\(contrast 3\.\d:1, at least 4\.5:1 needed/);
    const suggested = /such as (#[0-9a-f]{6})/.exec(problem)![1];
    expect(accentColorProblem(suggested)).toBeNull();
    expect(accentColorProblem('#ffffff')).toMatch(/contrast 1:1/);
  });

  it('suggests a passing shade and a readable dark-mode variant for every colour (fast-check)', () => {
    fc.assert(
      fc.property(hexColor, (hex) => {
        const problem = accentColorProblem(hex);
        if (problem) expect(contrastRatio(/such as (#[0-9a-f]{6})/.exec(problem)![1], LIGHT_BACKGROUND)).toBeGreaterThanOrEqual(MIN_ACCENT_CONTRAST);
        else expect(contrastRatio(hex, LIGHT_BACKGROUND)).toBeGreaterThanOrEqual(MIN_ACCENT_CONTRAST);
        expect(contrastRatio(accentForDarkMode(hex), DARK_BACKGROUND)).toBeGreaterThanOrEqual(MIN_ACCENT_CONTRAST);
      }),
    );
    // Already light enough on the dark background: unchanged.
    expect(accentForDarkMode('#ffffff')).toBe('#ffffff');
  });

  it('is what the schema applies: normalised, refused with the reason, empty for none', () => {
    expect(pageSettingsSchema.parse({ ...valid, accentColor: '#14D' }).accentColor).toBe('#1144dd');
    expect(pageSettingsSchema.parse({ ...valid, accentColor: '  ' }).accentColor).toBeNull();
    expect(fieldError({ accentColor: '#ffff00' }, 'accentColor')).toMatch(/too light/);
    expect(fieldError({ accentColor: 'navy' }, 'accentColor')).toMatch(/#rrggbb/);
  });
});

describe('the time zone check', () => {
  it('offers Intl’s zones and the UTC names, sorted', () => {
    const zones = timeZoneNames();
    expect(zones).toEqual(expect.arrayContaining(['Etc/UTC', 'UTC', 'Europe/Berlin', 'America/New_York']));
    expect(zones).toEqual([...zones].sort());
  });

  it('accepts IANA names in their own spelling, and aliases Intl knows; refuses the rest', () => {
    expect(canonicalTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('etc/utc')).toBe('Etc/UTC');
    expect(canonicalTimeZone('US/Pacific')).toBe('US/Pacific');
    for (const bad of ['Mars/Olympus_Mons', 'Europe/Berlinn', '+01:00', 'UTC+1', '', 'Europe/../Berlin']) expect(canonicalTimeZone(bad), bad).toBeNull();
    expect(fieldError({ timeZone: 'Mars/Olympus_Mons' }, 'timeZone')).toMatch(/not an IANA time zone/);
  });
});

describe('the page settings schema', () => {
  it('trims the name and keeps it to 1–100 characters', () => {
    expect(pageSettingsSchema.parse({ ...valid, name: '  Acme  ' }).name).toBe('Acme');
    expect(fieldError({ name: '   ' }, 'name')).toBeDefined();
    expect(fieldError({ name: 'x'.repeat(101) }, 'name')).toBeDefined();
    expect(fieldError({ name: 'x'.repeat(100) }, 'name')).toBeUndefined();
  });

  it('wants an absolute http(s) URL, stored without a trailing slash', () => {
    expect(pageSettingsSchema.parse({ ...valid, url: 'https://Status.Acme.test/' }).url).toBe('https://status.acme.test');
    for (const bad of ['status.acme.test', '/status', 'ftp://acme.test', 'javascript:alert(1)', 'https://']) expect(fieldError({ url: bad }, 'url'), bad).toBeDefined();
  });

  it('takes a support link as http(s) or mailto:, a logo as https or a site path; empty or null is none', () => {
    const parsed = pageSettingsSchema.parse({ ...valid, supportUrl: 'mailto:help@acme.test', logoUrl: '/logo.svg' });
    expect([parsed.supportUrl, parsed.logoUrl]).toEqual(['mailto:help@acme.test', '/logo.svg']);
    expect(pageSettingsUpdateSchema.parse({ supportUrl: null, logoUrl: '' })).toEqual({ supportUrl: null, logoUrl: null });
    for (const bad of ['javascript:alert(1)', 'mailto:', 'acme.test/help', 'data:text/html,hi']) expect(fieldError({ supportUrl: bad }, 'supportUrl'), bad).toBeDefined();
    // Plain http would be blocked on the public page; // and \ would leave the site.
    for (const bad of ['http://acme.test/logo.png', '//evil.test/logo.png', '/\\evil.test', 'logo.png', 'data:image/png;base64,AAAA']) expect(fieldError({ logoUrl: bad }, 'logoUrl'), bad).toBeDefined();
  });
});

describe('the public page', () => {
  it('lets a logo load from any https address or the site itself, and nothing run', () => {
    const csp = HTML_HEADERS['content-security-policy'];
    expect(csp).toMatch(/img-src 'self' data: https:;/);
    expect(csp).toContain("script-src 'none'");
  });
});

describe('reachedOnlyHere', () => {
  it('is true of addresses only the machine itself opens, and of no address at all', () => {
    for (const url of ['http://localhost:3000', 'http://status.localhost', 'http://127.0.0.1:8080', 'http://127.1.2.3', 'http://[::1]:3000', 'http://0.0.0.0:3000', '', 'not a url']) expect(reachedOnlyHere(url), url).toBe(true);
  });

  it('is false of public names and of private networks, which others on them reach', () => {
    for (const url of ['https://status.example.com', 'http://10.0.0.5:3000', 'http://192.168.1.20', 'http://[fd00::1]', 'https://localhost.example.com']) expect(reachedOnlyHere(url), url).toBe(false);
  });
});
