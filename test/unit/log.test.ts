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

  it('gives a plain error its name and message, and anything else its first line', () => {
    expect(errorLine(new TypeError('fetch failed'))).toBe('TypeError: fetch failed');
    expect(errorLine('connection refused\nat somewhere')).toBe('connection refused');
  });
});
