type Level = 'debug' | 'info' | 'warn' | 'error';

/** One JSON object per line on stdout, for log collectors. Never pass secrets in `fields`. */
export function log(level: Level, message: string, fields: Record<string, unknown> = {}) {
  if (process.env.LOG_LEVEL === 'silent') return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields });
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
}
