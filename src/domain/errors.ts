/**
 * The one error type of Amends. Its kind is a closed set; the HTTP layer maps each kind to a status
 * and a problem+json body in one place. Anything that is not an AppError is masked as 500.
 */
export type ErrorKind =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'methodNotAllowed'
  | 'eventNotAllowed'
  | 'conflict'
  | 'stale'
  | 'idempotencyMismatch'
  | 'budgetExceeded'
  | 'tooLarge'
  | 'unsupportedMediaType'
  | 'messageRefused'
  | 'tooManyRequests';

export const STATUS: Record<ErrorKind, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  notFound: 404,
  methodNotAllowed: 405,
  eventNotAllowed: 409,
  conflict: 409,
  stale: 412,
  idempotencyMismatch: 422,
  budgetExceeded: 422,
  tooLarge: 413,
  unsupportedMediaType: 415,
  messageRefused: 422,
  tooManyRequests: 429,
};

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function notFound(what: string): AppError {
  return new AppError('notFound', `${what} was not found`);
}
