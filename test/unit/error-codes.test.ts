// The closed set of error codes: each code means one status wherever it is thrown.
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '@/lib/error-codes';
import { AppError, notFound } from '@/lib/errors';
import { jsonError } from '@/lib/http/json-error';

describe('the error codes', () => {
  it('are snake_case, each with a 4xx or 5xx status and a sentence', () => {
    for (const [code, { status, description }] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
      expect(description.length, code).toBeGreaterThan(10);
    }
  });

  it('give an AppError its status, whatever status an older call site still names', () => {
    expect(new AppError('conflict', 'Changed meanwhile.')).toMatchObject({ code: 'conflict', status: 409, details: [] });
    expect(new AppError('invalid_field', 'No.', [{ field: 'name' }])).toMatchObject({ status: 422, details: [{ field: 'name' }] });
    const cause = new Error('down');
    expect(new AppError('unavailable', 'Down.', [], { cause }).cause).toBe(cause);
    // The deprecated form, kept so call sites written before the map still compile.
    expect(new AppError('forbidden', 'No.', 400, [{ scope: 'admin' }])).toMatchObject({ status: 403, details: [{ scope: 'admin' }] });
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
