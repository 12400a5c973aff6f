import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';
/** An id a proxy in front may have given: short, and nothing that could forge a log line or a header. */
const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Gives the request its id, kept on its own headers: Next's handlers read it there (see requestIdOf)
 * and every writer of the response takes it from there (see withRequestId). A well-formed id from a
 * proxy in front is kept, so both logs name the request alike; anything else is replaced.
 */
export function assignRequestId(req: IncomingMessage): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  const id = typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
  req.headers[REQUEST_ID_HEADER] = id;
  return id;
}

/**
 * A response's headers with the request's id added, for writeHead, as Node's flat [name, value, …]
 * list. Measured on the fast path: setHeader before writeHead, or a new object per request, cost it
 * a quarter of its requests per second; a copy of the artifact's own list, flattened once, costs none.
 */
export function withRequestId(req: IncomingMessage, headers: Readonly<Record<string, string>>): string[] {
  let flat = flatHeaders.get(headers);
  if (!flat) flatHeaders.set(headers, (flat = Object.entries(headers).flat()));
  const id = req.headers[REQUEST_ID_HEADER];
  return [...flat, REQUEST_ID_HEADER, typeof id === 'string' && SAFE_ID.test(id) ? id : assignRequestId(req)];
}
// The artifacts' header objects are made once per rendering and reused for every request.
const flatHeaders = new WeakMap<object, string[]>();

/** Before handing the response to Next, which writes its headers its own way. */
export function setRequestIdHeader(req: IncomingMessage, res: ServerResponse) {
  const id = req.headers[REQUEST_ID_HEADER];
  res.setHeader(REQUEST_ID_HEADER, typeof id === 'string' && SAFE_ID.test(id) ? id : assignRequestId(req));
}

/** Inside Next (route handlers, server actions, pages): the id server.ts gave; a fresh one when Next runs on its own. */
export function requestIdOf(headers: Pick<Headers, 'get'> | undefined): string {
  const id = headers?.get(REQUEST_ID_HEADER);
  return id && SAFE_ID.test(id) ? id : randomUUID();
}
