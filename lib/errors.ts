/** An error a caller can act on, with a stable snake_case code and the HTTP status it maps to. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details: unknown[] = [],
  ) {
    super(message);
  }
}

export const notFound = (what: string, id: string) => new AppError('not_found', `${what} ${id} does not exist`, 404);
