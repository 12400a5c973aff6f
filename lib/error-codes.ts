/**
 * Every error code Gatewatch answers with, the one HTTP status it means, and what it means in a
 * sentence. AppError takes its status from here and the OpenAPI document lists this table, so a new
 * kind of refusal starts with a line here.
 */
export const ERROR_CODES = {
  validation_failed: { status: 400, description: 'Fields that do not validate; details name each one' },
  malformed_json: { status: 400, description: 'The body is not valid JSON' },
  malformed_form: { status: 400, description: 'A form-encoded field cannot be read' },
  too_deep: { status: 400, description: 'The body nests deeper than any request needs' },
  invalid_text: { status: 400, description: 'Text holds a NUL (\\u0000) character' },
  invalid_if_match: { status: 400, description: 'If-Match is neither an ETag like "3" nor *' },
  request_aborted: { status: 400, description: 'The connection closed before the whole body arrived' },
  unauthorized: { status: 401, description: 'No API key, or an unknown or revoked one, or one whose operator is disabled' },
  wrong_credentials: { status: 401, description: 'Admin log-in or password change: the email or password is not right' },
  forbidden: { status: 403, description: "The key lacks the scope, or the operator's role does not allow it" },
  disabled: { status: 403, description: 'Admin log-in: the account is disabled' },
  not_found: { status: 404, description: 'No such page, incident, update, component, group or endpoint' },
  method_not_allowed: { status: 405, description: 'The endpoint does not answer this method; see Allow' },
  conflict: { status: 409, description: 'Stale write (the incident changed since the version in If-Match), or a clash with a change made at the same moment' },
  already_subscribed: { status: 409, description: 'Subscribing an email address or endpoint that already has a subscription' },
  payload_too_large: { status: 413, description: 'The body is larger than 64 KB' },
  unsupported_media_type: { status: 415, description: 'The body is neither JSON nor form-encoded' },
  invalid_field: { status: 422, description: 'A field is valid alone but not with the rest (details name it)' },
  invalid_transition: { status: 422, description: 'A status the incident cannot move to, or cancelling what is not an upcoming or running maintenance' },
  nothing_to_change: { status: 422, description: 'The request names nothing to change' },
  empty_update: { status: 422, description: 'An update with neither a message nor a status' },
  last_update: { status: 422, description: "Deleting an incident's only update" },
  built_in: { status: 422, description: 'Changing a built-in template' },
  rate_limited: { status: 429, description: 'Too many requests for this key; see Retry-After' },
  too_many_messages: { status: 429, description: 'An address was sent confirmation messages too often lately; see Retry-After' },
  locked: { status: 429, description: 'Admin log-in: too many failed attempts; try again later' },
  internal_error: { status: 500, description: 'A fault on our side; details give the request id, the same as X-Request-Id, under which the log has it' },
  unavailable: { status: 503, description: 'The database is unreachable or busy; see Retry-After' },
} as const satisfies Record<string, { status: number; description: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
export type ErrorStatus = (typeof ERROR_CODES)[ErrorCode]['status'];

/** A code's status; one outside the set (only JavaScript or a cast can make one) is a bug: 500. */
export const errorStatus = (code: ErrorCode): ErrorStatus => (ERROR_CODES as Partial<Record<string, { status: ErrorStatus }>>)[code]?.status ?? 500;

/** The codes, each status's in the order above, by status (ascending). */
export function codesByStatus(): Map<ErrorStatus, ErrorCode[]> {
  const byStatus = new Map<ErrorStatus, ErrorCode[]>();
  const codes = Object.keys(ERROR_CODES) as ErrorCode[];
  for (const code of codes.sort((a, b) => errorStatus(a) - errorStatus(b))) byStatus.set(errorStatus(code), [...(byStatus.get(errorStatus(code)) ?? []), code]);
  return byStatus;
}
