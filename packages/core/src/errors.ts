/**
 * The one list of error codes. Every error a client can see has a code here, and the code decides the HTTP
 * status. Codes are part of the API contract: add new ones, never rename or reuse one.
 */
export const ERROR_CODES = {
  validation_failed: 400,
  malformed_json: 400,
  unknown_field: 400,
  invalid_geometry: 422,
  dangling_reference: 422,
  opening_does_not_touch: 422,
  invalid_state_transition: 409,
  import_invalid: 422,
  disclosure_not_allowed: 422,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_rejected: 403,
  not_found: 404,
  conflict: 409,
  account_locked: 423,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorDetail {
  /** Where the problem is: a JSON path (`spaces.3.polygon`), a file and line, a column name. */
  path?: string;
  message: string;
}

/** An error whose code and message are safe to show to the caller. Anything else is logged and hidden. */
export class AtharError extends Error {
  readonly code: ErrorCode;
  readonly details: readonly ErrorDetail[] | undefined;

  constructor(code: ErrorCode, message: string, details?: readonly ErrorDetail[]) {
    super(message);
    this.name = "AtharError";
    this.code = code;
    this.details = details;
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code];
  }
}

export const isAtharError = (value: unknown): value is AtharError => value instanceof AtharError;

export function notFound(what: string): AtharError {
  return new AtharError("not_found", `${what} not found`);
}
