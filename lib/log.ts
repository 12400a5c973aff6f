type Level = 'debug' | 'info' | 'warn' | 'error';

/** One JSON object per line on stdout, for log collectors. Never pass secrets in `fields`. */
export function log(level: Level, message: string, fields: Record<string, unknown> = {}) {
  if (process.env.LOG_LEVEL === 'silent') return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields });
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
}

/**
 * An error in one line, for a log field: its name, its code if any, the line that says what went
 * wrong (Prisma's messages open with the call they quote and end with the cause; others say it first)
 * and the cause's first line (fetch's "fetch failed" keeps its reason there).
 */
export function errorLine(error: unknown): string {
  if (!(error instanceof Error)) return String(error).split('\n')[0];
  const lines = error.message.split('\n').map((line) => line.trim()).filter(Boolean);
  const said = (error.name.startsWith('Prisma') ? lines.at(-1) : lines[0]) ?? '';
  const code = (error as { code?: unknown }).code;
  const cause = error.cause instanceof Error ? ` (${error.cause.message.split('\n')[0]})` : '';
  return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${said}${cause}`.slice(0, 300);
}
