import { type ErrorCode, errorStatus } from '../error-codes.ts';

/** The one error body of every JSON endpoint: {"error":{"code","message","details"}}. */
export const errorBody = (code: ErrorCode, message: string, details: unknown[] = []) => ({ error: { code, message, details } });

/** An error response in the one shape, with the status its code means. */
export function jsonError(code: ErrorCode, message: string, headers: Record<string, string> = {}, details: unknown[] = []) {
  return Response.json(errorBody(code, message, details), { status: errorStatus(code), headers: { 'cache-control': 'no-store', ...headers } });
}
