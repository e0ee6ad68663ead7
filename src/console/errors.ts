import type { ErrorRequestHandler } from 'express';
import { AppError, STATUS } from '../domain/errors.js';
import type { Logger } from '../log.js';
import { t } from './i18n.js';
import { contextOf, renderConsole } from './render.js';

/**
 * Console requests fail as pages, not problem+json: a person reads them. Unknown errors are logged
 * and masked; 401 on an action tells the reader to sign in again.
 */
export function consoleErrors(log: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    const ctx = contextOf(res);
    if (!ctx || res.headersSent) return next(err);
    const appErr = err instanceof AppError ? err : undefined;
    // The body parser's own refusals (too large, too many fields, a bad charset) carry a 4xx status.
    const given = Number((err as { status?: unknown }).status);
    const clientFault = Number.isInteger(given) && given >= 400 && given < 500 ? (given === 413 ? 413 : 400) : undefined;
    if (!appErr && !clientFault) log.error({ err, method: req.method, url: req.path }, 'console error');
    const status = appErr ? STATUS[appErr.kind] : (clientFault ?? 500);
    const key = appErr?.extra.csrf ? 'error.csrf' : `error.${status}`;
    renderConsole(req, res, 'error', { title: t(ctx.locale, 'error.title'), status, message: t(ctx.locale, key), signIn: status === 401 }, status);
  };
}
