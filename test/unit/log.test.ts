import { describe, expect, it } from 'vitest';
import { errorLine } from '@/lib/log';

describe('errorLine', () => {
  it('keeps the cause of a Prisma error, which its message puts last after a blank first line', () => {
    const error = Object.assign(new Error('\nInvalid `db.subscriber.createMany()` invocation in\n/work/x.ts:83:78\n\n  80   createdAt: now,\n→ 83 for (…)\nOperation has timed out'), {
      name: 'PrismaClientKnownRequestError',
      code: 'P1008',
    });
    expect(errorLine(error)).toBe('PrismaClientKnownRequestError P1008: Operation has timed out');
  });

  it('gives another error its name, its first line and its cause, and anything else its first line', () => {
    expect(errorLine(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:5432') }))).toBe('TypeError: fetch failed (connect ECONNREFUSED 127.0.0.1:5432)');
    expect(errorLine(new Error('the first line says it\n  at the details'))).toBe('Error: the first line says it');
    expect(errorLine('connection refused\nat somewhere')).toBe('connection refused');
  });
});
