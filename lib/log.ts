type Level = 'debug' | 'info' | 'warn' | 'error';

/** One JSON object per line on stdout, for log collectors. Never pass secrets in `fields`. */
export function log(level: Level, message: string, fields: Record<string, unknown> = {}) {
  if (process.env.LOG_LEVEL === 'silent') return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields });
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
}

/**
 * An error in one line, for a log field: its name, its code if any, and the last line of its message
 * (Prisma's messages open with the call they quote and end with the cause; the first line is blank).
 */
export function errorLine(error: unknown): string {
  if (!(error instanceof Error)) return String(error).split('\n')[0];
  const lines = error.message.split('\n').map((line) => line.trim()).filter(Boolean);
  const code = (error as { code?: unknown }).code;
  return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${lines.at(-1) ?? ''}`.slice(0, 300);
}
