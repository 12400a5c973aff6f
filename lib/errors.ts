import { type ErrorCode, type ErrorStatus, errorStatus } from './error-codes.ts';
import { processBrand } from './process-global.ts';

const APP_ERROR = processBrand('AppError');

/**
 * An error a caller can act on: a code from the closed set in error-codes.ts, which decides its HTTP
 * status. `instanceof AppError` holds for one thrown by either copy of lib/ (see process-global.ts).
 */
export class AppError extends Error {
  readonly [APP_ERROR] = true;
  readonly code: ErrorCode;
  readonly status: ErrorStatus;
  readonly details: unknown[];

  /** The status comes from the code, so a code means one status everywhere. */
  constructor(code: ErrorCode, message: string, details: unknown[] = [], options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.status = errorStatus(code);
    this.details = details;
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && APP_ERROR in value;
  }
}

/** The id goes in the details, not the sentence: operators read these at 3 a.m. */
export const notFound = (what: string, id: string) => new AppError('not_found', `That ${what} does not exist; it may have been deleted.`, [{ [what.replace(/ /g, '_')]: id }]);

// PostgreSQL: deadlock, serialization failure; a row deleted or a reference gone between a read
// and the write. A write that lost such a race can simply be retried.
const CONFLICT_CODES = new Set(['40P01', '40001', 'P2034', 'P2025', 'P2003']);
// PostgreSQL refuses a NUL character in text (SQLite stores it): the client's input, not our fault.
const BAD_TEXT_CODES = new Set(['22021', '22P05']);
// P2028: a transaction that could not start or finish in time (every connection busy, a long queue for a row).
const UNAVAILABLE_CODES = new Set(['P2028', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'P1001', 'P1002', 'P1008', 'P1017', 'P2024', '57P01', '57P03', '53300', 'SQLITE_BUSY', 'SQLITE_LOCKED']);
const UNAVAILABLE_TEXT = /ECONNREFUSED|DatabaseNotReachable|Can't reach database|connection terminated|timeout exceeded when trying to connect|SocketTimeout|database is locked|not currently accepting connections/i;

/**
 * Whether `test` recognises the code or message of the error or of any error it wraps: as `cause`,
 * or as Prisma's driver adapters report the database's own (meta.driverAdapterError.cause).
 */
function wrapped(error: unknown, test: (code: unknown, message: unknown) => boolean, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const { code, message, cause, meta, originalCode, originalMessage } = error as Record<string, unknown>;
  if (test(code, message) || (originalCode !== undefined && test(originalCode, originalMessage))) return true;
  const adapterError = (meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError;
  return wrapped(cause, test, depth + 1) || wrapped(adapterError, test, depth + 1);
}

/**
 * Our own errors as they are; the database's races (409, retry) and outages (503: unreachable,
 * busy, locked) as errors a caller can act on; anything else undefined (a bug: 500).
 */
export function asAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (wrapped(error, (code) => typeof code === 'string' && BAD_TEXT_CODES.has(code))) {
    return new AppError('invalid_text', 'Text may not contain NUL (\\u0000) characters.');
  }
  if (wrapped(error, (code) => typeof code === 'string' && CONFLICT_CODES.has(code))) {
    return new AppError('conflict', 'Another change was written at the same moment, or what it refers to was just deleted; reload and try again.');
  }
  if (wrapped(error, (code, message) => (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) || (typeof message === 'string' && UNAVAILABLE_TEXT.test(message)))) {
    return new AppError('unavailable', 'The database is unreachable or busy; the public page keeps serving its last snapshot. Retry shortly.');
  }
  return undefined;
}
