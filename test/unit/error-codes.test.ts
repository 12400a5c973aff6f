// The closed set of error codes: each code means one status wherever it is thrown, and a 500 is
// logged and answered under the request's id.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '@/lib/error-codes';
import { AppError, notFound } from '@/lib/errors';
import { errorResponse } from '@/lib/http/admin-route';
import { jsonError } from '@/lib/http/json-error';
import { requestIdOf } from '@/lib/http/request-id';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('the error codes', () => {
  it('are snake_case, each with a 4xx or 5xx status and a sentence', () => {
    for (const [code, { status, description }] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
      expect(description.length, code).toBeGreaterThan(10);
    }
  });

  it('give an AppError the status of its code', () => {
    expect(new AppError('conflict', 'Changed meanwhile.')).toMatchObject({ code: 'conflict', status: 409, details: [] });
    expect(new AppError('invalid_field', 'No.', [{ field: 'name' }])).toMatchObject({ status: 422, details: [{ field: 'name' }] });
    const cause = new Error('down');
    expect(new AppError('unavailable', 'Down.', [], { cause }).cause).toBe(cause);
    expect(new AppError('forbidden', 'No.', [{ scope: 'admin' }])).toMatchObject({ status: 403, details: [{ scope: 'admin' }] });
    expect(notFound('incident update', 'x1')).toMatchObject({ status: 404, details: [{ incident_update: 'x1' }] });
    // @ts-expect-error: a code outside the set does not compile (and would be a bug: 500).
    expect(new AppError('teapot', 'No.').status).toBe(500);
  });

  it('answer every JSON error with the status of its code', async () => {
    for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
      const response = jsonError(code, 'Because.');
      expect(response.status, code).toBe(ERROR_CODES[code].status);
      expect(await response.json()).toEqual({ error: { code, message: 'Because.', details: [] } });
    }
  });
});

describe('an unexpected error', () => {
  it('is logged under the request id server.ts gave, which the 500 answers with', async () => {
    vi.stubEnv('LOG_LEVEL', 'info');
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const request = new Request('http://status.test/api/v1/pages', { headers: { 'x-request-id': 'req-42.a_b' } });
    const response = errorResponse(new TypeError('cannot read properties of undefined'), request);
    expect(response.status).toBe(500);
    expect(response.headers.get('x-request-id')).toBe('req-42.a_b');
    const { error } = await response.json();
    expect(error).toMatchObject({ code: 'internal_error', details: [{ request_id: 'req-42.a_b' }] });
    expect(error.message).not.toMatch(/undefined|TypeError/);
    const line = JSON.parse(String(logged.mock.calls[0][0]));
    expect(line).toMatchObject({ level: 'error', requestId: 'req-42.a_b', error: expect.stringContaining('cannot read properties of undefined') });
  });

  it('gets an id of its own when Next runs without server.ts, or the one given is not safe to log', async () => {
    vi.stubEnv('LOG_LEVEL', 'silent');
    const id = requestIdOf(new Headers({ 'x-request-id': 'a"b<script>' }));
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const response = errorResponse(new Error('boom'));
    const { error } = await response.json();
    expect(error.details[0].request_id).toBe(response.headers.get('x-request-id'));
    expect(error.details[0].request_id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
