import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';
/** An id a proxy in front may have given: short, and nothing that could forge a log line or a header. */
const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Gives the request its id, before anything writes a header: the response carries it, and Next's
 * handlers read it from the request's own headers (see requestIdOf). A well-formed id from a proxy
 * in front is kept, so both logs name the request alike; anything else is replaced.
 */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  const id = typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : crypto.randomUUID();
  req.headers[REQUEST_ID_HEADER] = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/** Inside Next (route handlers, server actions, pages): the id server.ts gave; a fresh one when Next runs on its own. */
export function requestIdOf(headers: Pick<Headers, 'get'> | undefined): string {
  const id = headers?.get(REQUEST_ID_HEADER);
  return id && SAFE_ID.test(id) ? id : crypto.randomUUID();
}
