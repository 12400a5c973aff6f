// The page's accent colour: the rule that keeps it readable, and its dark-mode variant.
// Pure functions: the schema, the settings form's live check and the public page share them.

/** WCAG 2 AA for normal-size text: the accent colours links, not only large headings. */
export const MIN_ACCENT_CONTRAST = 4.5;
/**
 * What the accent must read on: the public page's light background (slate-50; its white cards are
 * lighter, so pass too) and, lightened, its dark-mode cards (slate-900; the slate-950 page is darker).
 */
export const LIGHT_BACKGROUND = '#f8fafc';
export const DARK_BACKGROUND = '#0f172a';

/** `#1D4ED8`, `#14d` → `#1d4ed8`; anything else → null. */
export function parseHexColor(value: string): string | null {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!match) return null;
  const digits = match[1].toLowerCase();
  return `#${digits.length === 3 ? [...digits].map((digit) => digit + digit).join('') : digits}`;
}

const channels = (hex: string) => [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16));
const toHex = (rgb: number[]) => `#${rgb.map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;

/** WCAG 2 relative luminance of a `#rrggbb` colour. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = channels(hex).map((channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two `#rrggbb` colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** Shown rounded down, so a refused colour never reads as if it met the threshold. */
export const formatRatio = (ratio: number) => `${Math.floor(ratio * 10) / 10}:1`;

/** `hex` moved step by step towards `target` until `passes`; the first shade that does. */
function shadeTowards(hex: string, target: string, passes: (shade: string) => boolean): string {
  const from = channels(hex);
  const to = channels(target);
  for (let step = 0; step <= 50; step++) {
    const shade = toHex(from.map((channel, index) => channel + ((to[index] - channel) * step) / 50));
    if (passes(shade)) return shade;
  }
  return target;
}

/** The lightest shade of `hex` towards black that reads on the light background: `hex` itself when it does. */
export function readableAccent(hex: string): string {
  return shadeTowards(hex, '#000000', (shade) => contrastRatio(shade, LIGHT_BACKGROUND) >= MIN_ACCENT_CONTRAST);
}

/** Why a `#rrggbb` accent is refused (too light for links), with a shade that passes; null if fine. */
export function accentColorProblem(hex: string): string | null {
  const ratio = contrastRatio(hex, LIGHT_BACKGROUND);
  if (ratio >= MIN_ACCENT_CONTRAST) return null;
  const darker = readableAccent(hex);
  return `is too light to read as link colour on the page's light background (contrast ${formatRatio(ratio)}, at least ${formatRatio(MIN_ACCENT_CONTRAST)} needed); a darker shade such as ${darker} passes`;
}

/** The accent as shown in dark mode: lightened just enough to stay readable on the dark background. */
export function accentForDarkMode(hex: string): string {
  return shadeTowards(hex, '#ffffff', (shade) => contrastRatio(shade, DARK_BACKGROUND) >= MIN_ACCENT_CONTRAST);
}
