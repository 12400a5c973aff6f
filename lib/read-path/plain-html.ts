/**
 * Public pages need no JavaScript to be read. Next.js still sends React's client runtime and the
 * flight data it hydrates from, which repeats the whole page a second time (about two thirds of the
 * bytes of a large page). The fast path serves pages as plain HTML without them: smaller, and
 * nothing to break or run on a visitor's phone during an outage.
 */
const NEXT_SCRIPT = /<script\b[^>]*>[\s\S]*?<\/script>/g;
const SCRIPT_PRELOAD = /<link\b[^>]*\bas="script"[^>]*\/?>/g;

export function withoutClientRuntime(html: string): string {
  return html.replace(NEXT_SCRIPT, (script) => (isNextRuntime(script) ? '' : script)).replace(SCRIPT_PRELOAD, '');
}

function isNextRuntime(script: string): boolean {
  return /\ssrc="\/_next\//.test(script) || script.includes('self.__next_f') || script.includes('TURBOPACK') || /\bid="_R_"/.test(script);
}
