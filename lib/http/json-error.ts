/** The one error shape of every JSON endpoint: {"error":{"code","message","details"}}. */
export function jsonError(status: number, code: string, message: string, headers: Record<string, string> = {}, details: unknown[] = []) {
  return Response.json({ error: { code, message, details } }, { status, headers: { 'cache-control': 'no-store', ...headers } });
}
