// The custom server and Next's bundle each load their own copy of lib/; here, two copies of the same
// modules in one process (the module cache reset between them) must still share what they share.
import { describe, expect, it, vi } from 'vitest';

async function twoCopies<T>(load: () => Promise<T>): Promise<[T, T]> {
  const first = await load();
  vi.resetModules();
  const second = await load();
  return [first, second];
}

describe('state shared by both copies of lib/', () => {
  it('recognises an AppError made by the other copy, and nothing else', async () => {
    const [first, second] = await twoCopies(() => import('@/lib/errors'));
    expect(first.AppError).not.toBe(second.AppError);
    const error = new second.AppError('conflict', 'changed meanwhile');
    expect(error instanceof first.AppError).toBe(true);
    expect(first.asAppError(error)).toBe(error);
    expect(new Error('plain') instanceof first.AppError).toBe(false);
    expect(first.asAppError(new Error('plain'))).toBeUndefined();
  });

  it('knows the provider of a database client the other copy made', async () => {
    const [first, second] = await twoCopies(() => import('@/lib/db/client'));
    const db = first.createDb('postgresql://postgres@127.0.0.1:1/none');
    expect(second.dbProvider(db)).toBe('postgresql');
    expect(() => second.dbProvider({} as never)).toThrow(/not made by createDb/);
  });

  it('keeps one value per name for the whole process', async () => {
    const [first, second] = await twoCopies(() => import('@/lib/process-global'));
    const made = first.processGlobal('test-shared-thing', () => ({ made: 'first' }));
    expect(second.processGlobal('test-shared-thing', () => ({ made: 'second' }))).toBe(made);
  });
});
