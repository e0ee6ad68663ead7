import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, STATUS, type ErrorKind } from '../domain/errors.js';
import type { Logger } from '../log.js';
import { allowedMethods } from './allowed-methods.js';

const TITLES: Record<ErrorKind, string> = {
  validation: 'The request is not valid',
  unauthorized: 'A valid bearer token is required',
  forbidden: 'Not allowed',
  notFound: 'Not found',
  methodNotAllowed: 'Method not allowed',
  eventNotAllowed: 'This event is not allowed now',
  conflict: 'Conflict',
  stale: 'The case has changed since you read it',
  idempotencyMismatch: 'Idempotency-Key reused for a different request',
  budgetExceeded: 'The team budget does not cover this',
  tooLarge: 'The request body is too large',
  unsupportedMediaType: 'Unsupported media type',
  messageRefused: 'The message shifts blame or reads cold: rewrite it, or a lead overrides with a reason',
  tooManyRequests: 'Too many failed attempts',
};

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function problemBody(err: AppError, instance: string): Record<string, unknown> {
  return { type: `/problems/${kebab(err.kind)}`, title: TITLES[err.kind], status: STATUS[err.kind], detail: err.message, instance, ...err.extra };
}

/**
 * The path asked for, without its query string: a query may carry a secret (a token pasted as
 * `?access_token=`), and neither an answer nor a log line should repeat it.
 */
const pathOf = (url: string): string => url.split('?', 1)[0] as string;

/** The one place errors become HTTP: AppError → its status; anything else is masked as 500. */
export function problemHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let appErr: AppError | undefined = err instanceof AppError ? err : undefined;
    // body-parser errors carry a `type`; map the ones a client can cause.
    const type = (err as { type?: string }).type;
    if (!appErr && type === 'entity.too.large') appErr = new AppError('tooLarge', 'the body exceeds the limit of this endpoint');
    if (!appErr && type === 'entity.parse.failed') appErr = new AppError('validation', 'the body is not valid JSON', { errors: [{ path: '(body)', message: 'malformed JSON' }] });
    // Other client errors raised by the body parser or the router (bad charset or encoding, a path
    // that is not valid percent-encoding) carry a 4xx status: answer them as the client's fault.
    const status = Number((err as { status?: unknown; statusCode?: unknown }).status ?? (err as { statusCode?: unknown }).statusCode);
    if (!appErr && status === 415) appErr = new AppError('unsupportedMediaType', 'unsupported charset or content encoding');
    if (!appErr && status >= 400 && status < 500) appErr = new AppError('validation', 'the request cannot be read', { errors: [{ path: '(request)', message: String((err as Error).message ?? 'bad request') }] });
    if (!appErr) {
      log.error({ err, method: req.method, url: pathOf(req.originalUrl) }, 'unhandled error');
      res.status(500).type('application/problem+json').json({ type: '/problems/internal', title: 'Internal error', status: 500, detail: 'an unexpected error; it has been logged', instance: pathOf(req.originalUrl) });
      return;
    }
    const retryAfter = appErr.extra.retryAfter;
    if (typeof retryAfter === 'number') res.set('Retry-After', String(retryAfter));
    const allow = appErr.extra.allowedMethods;
    if (Array.isArray(allow)) res.set('Allow', allow.join(', '));
    res.status(STATUS[appErr.kind]).type('application/problem+json').json(problemBody(appErr, pathOf(req.originalUrl)));
  };
}

/** A path the contract serves with other methods answers 405 with `Allow`; any other path 404. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  const allow = allowedMethods(req.path);
  if (allow.length > 0 && !allow.includes(req.method)) {
    return next(new AppError('methodNotAllowed', `${req.method} is not served at ${req.path}; ${allow.join(', ')} is`, { allowedMethods: allow }));
  }
  next(new AppError('notFound', `no route for ${req.method} ${req.path}`));
};
