import http from 'node:http';
import { walkBody } from './request-body.ts';

/** Next's own limit on a server action's body; the admin's forms are far smaller. */
const MAX_FORM_BYTES = 1024 * 1024;

/** Rows of a form's arguments ("0", "1", …) and a form's bound action ("$ACTION_1:0"), both JSON. */
const REACT_JSON_FIELD = /^(\d+|\$ACTION_\d+:\d+)$/;

export type FormPostCheck = { ok: true; req: http.IncomingMessage } | { ok: false; status: number; message: string };

/**
 * The admin's and the subscription pages' forms post to their pages (Next's server actions). Next answers a cross-site or
 * malformed one with a 500; both are the sender's doing, so they are refused here first with a 4xx:
 * the same Origin rule Next applies (its host must be the request's, or `allowedHosts`), and a body
 * in one of React's two encodings that parses (read into memory, at most 1 MB). A good post goes on
 * to Next as a request with the same headers and body.
 */
export async function checkFormPost(req: http.IncomingMessage, allowedHosts: readonly string[]): Promise<FormPostCheck> {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const requestHost = String(req.headers['x-forwarded-host'] ?? req.headers.host ?? '').split(',')[0].trim();
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      // "null" (a sandboxed or privacy-sensitive context) or no URL at all
    }
    if (!originHost || (originHost !== requestHost && !allowedHosts.includes(originHost))) {
      return { ok: false, status: 403, message: 'This form was sent from another site; open the page at its own address and try again.' };
    }
  }
  const contentType = req.headers['content-type'] ?? '';
  // React sends a form as multipart/form-data, and arguments without one (a form with no fields) as JSON in text/plain.
  const multipart = /^multipart\/form-data;\s*boundary=/i.test(contentType);
  if (!multipart && !/^text\/plain\b/i.test(contentType)) {
    return { ok: false, status: 415, message: 'Forms are sent as multipart/form-data.' };
  }
  const body = await readBody(req);
  if (body === 'too_large') return { ok: false, status: 413, message: 'This form is larger than 1 MB.' };
  if (body === 'aborted') return { ok: false, status: 400, message: 'The form did not arrive whole.' };
  try {
    // The platform's own parsers: a body they cannot read, Next could not either. The parts React
    // always writes as JSON (the arguments' rows) must be JSON, and not nested past what forms send.
    if (multipart) {
      const form = await new Request('http://form.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(body) }).formData();
      for (const [name, value] of form) if (REACT_JSON_FIELD.test(name)) walkBody(JSON.parse(String(value)));
    } else {
      walkBody(JSON.parse(body.toString('utf8')));
    }
  } catch {
    return { ok: false, status: 400, message: 'The form could not be read; reload the page and send it again.' };
  }
  return { ok: true, req: replay(req, body) };
}

/** The whole body, unless it is too large or the connection closes first (`for await` would destroy `req`). */
function readBody(req: http.IncomingMessage): Promise<Buffer | 'too_large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_FORM_BYTES) return void chunks.push(chunk);
      // Not read further: the refusal closes the connection.
      req.off('data', onData);
      req.pause();
      resolve('too_large');
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve('aborted'));
    req.on('aborted', () => resolve('aborted'));
  });
}

/** A request like `req`, whose body (already read from the socket) is `body`. */
function replay(req: http.IncomingMessage, body: Buffer): http.IncomingMessage {
  const copy = new http.IncomingMessage(req.socket);
  Object.assign(copy, { method: req.method, url: req.url, headers: req.headers, rawHeaders: req.rawHeaders, httpVersion: req.httpVersion, httpVersionMajor: req.httpVersionMajor, httpVersionMinor: req.httpVersionMinor });
  copy.complete = true;
  copy.push(body);
  copy.push(null);
  return copy;
}
