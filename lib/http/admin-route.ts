import { ZodError } from 'zod';
import { authenticateApiKey, type ApiKeyRecord } from '../api-keys/api-keys.ts';
import { apiKeyActor, requirePermission, type Actor, type Permission } from '../access/permissions.ts';
import { getDb, type Db } from '../db/client.ts';
import { getEnv } from '../env.ts';
import { AppError, asAppError } from '../errors.ts';
import { errorLine, log } from '../log.ts';
import { processGlobal } from '../process-global.ts';
import { findPage } from '../page/page-settings.ts';
import { apiIssueSentence } from '../schemas/issue-messages.ts';
import { jsonError } from './json-error.ts';
import { RateLimiter } from './rate-limit.ts';
import { readRequestBody } from './request-body.ts';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id.ts';

export interface AdminRequest<Params> {
  db: Db;
  key: ApiKeyRecord;
  actor: Actor;
  params: Params;
  /** The parsed body of a POST, PATCH or PUT; undefined otherwise. */
  body: unknown;
  request: Request;
}

const limiter = () => processGlobal('admin-rate-limiter', () => new RateLimiter(getEnv().ADMIN_API_RATE_PER_MINUTE));

/**
 * An admin API route: the API key (401), its rate (429 with Retry-After), the permission the route
 * needs (403), the page named in the path (404), the body, then `handle`. Every failure is the one
 * JSON error shape; bad input is never a 500. The verbs check their permission again (for every
 * caller); checked here too, a key that may not is refused before the page or the body is read.
 */
export function adminRoute<Params extends { pageId?: string }>(
  permission: Permission,
  handle: (input: AdminRequest<Params>) => Promise<Response>,
  /** maxBodyBytes: for bodies larger than an operator's write (alert webhooks with many alerts). */
  options: { maxBodyBytes?: number } = {},
) {
  return async (request: Request, context?: { params?: Promise<Params> }): Promise<Response> => {
    try {
      const db = getDb();
      const key = await authenticateApiKey(db, request.headers.get('authorization'));
      const rate = limiter().take(key.id);
      if (!rate.ok) {
        return jsonError('rate_limited', `Too many requests for this key; retry in ${rate.retryAfterSeconds} s`, { 'retry-after': String(rate.retryAfterSeconds) });
      }
      const actor = apiKeyActor(key);
      requirePermission(actor, permission);
      // Next passes no params to a route without dynamic segments (GET /api/v1/pages).
      const params = ((await context?.params) ?? {}) as Params;
      // Routes under /pages/{page_id} name the page; /pages itself names none.
      if (params.pageId !== undefined) {
        const page = await findPage(db);
        if (!page || page.id !== params.pageId) throw new AppError('not_found', `page ${params.pageId} does not exist`);
      }
      const body = ['POST', 'PATCH', 'PUT'].includes(request.method) ? await readRequestBody(request, options.maxBodyBytes) : undefined;
      return await handle({ db, key, actor, params, body, request });
    } catch (error) {
      return errorResponse(error, request);
    }
  };
}

/**
 * Any error as `{"error":{"code","message","details"}}`: ours with their code's status, the rest 503
 * or 500. A 500 is logged under the request's id, which its answer gives for the operator to quote.
 */
export function errorResponse(error: unknown, request?: Request): Response {
  // First: a validation message can quote the input, which must never read as a database outage.
  if (error instanceof ZodError) {
    const details = error.issues.map((issue) => ({ path: issue.path.join('.'), message: apiIssueSentence(issue) }));
    return jsonError('validation_failed', `Invalid request: ${details.map((detail) => detail.message).join(' ')}`, {}, details);
  }
  const requestId = requestIdOf(request?.headers);
  const known = asAppError(error);
  if (known) {
    if (known.code === 'unavailable') log('warn', 'admin API: database unavailable', { requestId, error: errorLine(error) });
    const retryAfter = known.status === 503 ? 5 : (known.details as { retry_after_seconds?: number }[]).find((detail) => detail?.retry_after_seconds)?.retry_after_seconds;
    return jsonError(known.code, known.message, retryAfter ? { 'retry-after': String(retryAfter) } : {}, known.details);
  }
  log('error', 'admin API: unexpected error', { requestId, error: error instanceof Error ? error.stack : String(error) });
  const message = 'Something went wrong on our side. Check the incident list before retrying; to report it, quote the request id given in details.';
  return jsonError('internal_error', message, { [REQUEST_ID_HEADER]: requestId }, [{ request_id: requestId }]);
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
type Method = (typeof METHODS)[number];

/**
 * Every method a route file does not export, answered in the JSON error shape (Next's own 405 has no
 * body and no Allow header). A route file ends with
 * `export const { POST, PUT, DELETE, OPTIONS } = otherMethods({ GET, PATCH });`, naming what it lacks.
 */
export function otherMethods<Context>(
  handlers: Partial<Record<Method, (request: Request, context: Context) => Promise<Response>>>,
): Record<Method, (request: Request, context: Context) => Promise<Response>> {
  const allow = METHODS.filter((method) => handlers[method] || (method === 'HEAD' && handlers.GET) || method === 'OPTIONS').join(', ');
  const refuse = async (request: Request) =>
    jsonError('method_not_allowed', `${request.method} is not supported here; this endpoint answers ${allow}.`, { allow });
  const options = async () => new Response(null, { status: 204, headers: { allow } });
  const fallback = (method: Method) => (method === 'OPTIONS' ? options : method === 'HEAD' && handlers.GET ? handlers.GET : refuse);
  return Object.fromEntries(METHODS.map((method) => [method, handlers[method] ?? fallback(method)])) as Record<Method, (request: Request, context: Context) => Promise<Response>>;
}
