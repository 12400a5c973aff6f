import qs from 'qs';
import { AppError } from '../errors.ts';
import { errorLine, log } from '../log.ts';

export const MAX_BODY_BYTES = 64 * 1024;
/** Statuspage's bodies nest four levels at most; far deeper is an attack on recursive code. */
export const MAX_BODY_DEPTH = 32;
/** Fields in a form body, and entries in one list of it: far more than any Statuspage write sends. */
export const MAX_FORM_FIELDS = 1000;

/**
 * A write's body as a plain object: JSON, or form-encoded with Statuspage's bracket names
 * (`incident[name]=…&incident[component_ids][]=…`). Refuses oversized (413), unsupported (415)
 * and malformed (400) bodies.
 */
export async function readRequestBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readLimited(request, maxBytes);
  if (!text.trim()) return {};
  const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json' || type === '') {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new AppError('malformed_json', 'The body is not valid JSON');
    }
    return checkBody(body);
  }
  if (type === 'application/x-www-form-urlencoded') return checkBody(parseBracketForm(text));
  throw new AppError('unsupported_media_type', 'Send application/json or application/x-www-form-urlencoded');
}

const tooDeep = () => new AppError('too_deep', `The body nests deeper than ${MAX_BODY_DEPTH} levels`);

/**
 * Calls `visit` on `value` and on everything inside it, keys too; no recursion, so a body nested
 * thousands deep cannot overflow the stack. Stops at objects MAX_BODY_DEPTH deep (400).
 */
export function walkBody(value: unknown, visit: (inner: unknown) => void = () => {}) {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length) {
    const [inner, depth] = pending.pop()!;
    visit(inner);
    if (typeof inner !== 'object' || inner === null) continue;
    if (depth >= MAX_BODY_DEPTH) throw tooDeep();
    for (const [key, nested] of Object.entries(inner)) pending.push([key, depth + 1], [nested, depth + 1]);
  }
}

/**
 * Not deeper than MAX_BODY_DEPTH, and no NUL character anywhere in its text, which PostgreSQL cannot
 * store (the same body must get the same answer on either database).
 */
function checkBody(body: unknown): unknown {
  walkBody(body, (value) => {
    if (typeof value === 'string' && value.includes('\0')) throw new AppError('invalid_text', 'Text may not contain NUL (\\u0000) characters');
  });
  return body;
}

const tooLarge = (maxBytes: number) => new AppError('payload_too_large', `The body is larger than ${maxBytes / 1024} KB`);

async function readLimited(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      // The client went away mid-body: its doing, not an outage of ours.
      log('info', 'admin API: the client closed the connection before sending the whole body', { error: errorLine(error) });
      throw new AppError('request_aborted', 'The request body did not arrive whole: the connection closed before its end');
    }
    const { done, value } = chunk;
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

// qs reads the bracket names as Rails and Statuspage do; its limits throw rather than quietly cut the form short.
const FORM_OPTIONS: qs.IParseOptions = {
  depth: MAX_BODY_DEPTH - 1, // qs counts the brackets after the first name
  strictDepth: true,
  parameterLimit: MAX_FORM_FIELDS,
  arrayLimit: MAX_FORM_FIELDS,
  throwOnLimitExceeded: true,
  allowPrototypes: false,
  duplicates: 'last', // as Rails reads `x=1&x=2`
};

/** Names qs would drop without a word (they could reach object prototypes): refused instead, naming the field. */
const isPrototypeName = (part: string) => part === 'prototype' || part in Object.prototype;

/** `a[b][c]=1&a[list][]=x` → `{ a: { b: { c: '1' }, list: ['x'] } }`. */
export function parseBracketForm(form: string | URLSearchParams): Record<string, unknown> {
  const text = String(form);
  for (const name of new URLSearchParams(text).keys()) {
    if (name.split(/[[\]]/).some(isPrototypeName)) throw new AppError('malformed_form', `Cannot read the form field ${name}`);
  }
  try {
    return qs.parse(text, FORM_OPTIONS);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    if (/depth/i.test(error.message)) throw tooDeep();
    throw new AppError('payload_too_large', `The form has more than ${MAX_FORM_FIELDS} fields, or a list of more than ${MAX_FORM_FIELDS} entries`);
  }
}
