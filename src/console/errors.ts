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
    const bodyTooLarge = (err as { type?: string }).type === 'entity.too.large';
    if (!appErr && !bodyTooLarge) log.error({ err, method: req.method, url: req.originalUrl }, 'console error');
    const status = appErr ? STATUS[appErr.kind] : bodyTooLarge ? 413 : 500;
    const key = appErr?.extra.csrf ? 'error.csrf' : `error.${status}`;
    renderConsole(req, res, 'error', { title: t(ctx.locale, 'error.title'), status, message: t(ctx.locale, key), signIn: status === 401 }, status);
  };
}
