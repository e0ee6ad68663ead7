import type { RequestHandler, Response } from 'express';
import { AppError } from '../domain/errors.js';
import { isLead, type Actor } from '../domain/roles.js';
import type { Engine } from '../engine/engine.js';
import { findActorByToken, hashToken } from '../store/users.js';
import { failureCounts } from './failure-window.js';

/**
 * Every /api route needs `Authorization: Bearer <token>`; the acting user lands in res.locals.actor.
 * Failed attempts are limited per token and per address (429 with Retry-After). A valid token always
 * passes: tokens are too long to guess, and one noisy integration must not lock out a whole office
 * behind the same address.
 */
export function bearerAuth(engine: Engine, failuresPerMinute: number): RequestHandler {
  const failures = failureCounts(engine, 'api-token', failuresPerMinute);
  return async (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const token = m?.[1];
    const user = token ? await findActorByToken(engine.store.read, token) : undefined;
    if (user) {
      const actor: Actor = { kind: 'user', id: user.id, name: user.name, role: user.role, limit: user.limit };
      res.locals.actor = actor;
      next();
      return;
    }
    const now = engine.clock().getTime();
    const keys = [`address:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`, ...(token ? [`token:${hashToken(token)}`] : [])];
    const wait = Math.max(...(await Promise.all(keys.map((k) => failures.retryAfter(k, now)))));
    await Promise.all(keys.map((k) => failures.fail(k, now)));
    if (wait > 0) throw new AppError('tooManyRequests', `too many failed authentications; retry in ${wait} s`, { retryAfter: wait });
    throw new AppError('unauthorized', token ? 'the token is unknown or revoked' : 'send Authorization: Bearer <token>');
  };
}

export function actorOf(res: Response): Actor {
  return res.locals.actor as Actor;
}

export function requireLead(res: Response): Actor {
  const actor = actorOf(res);
  if (!isLead(actor)) throw new AppError('forbidden', 'this needs a lead');
  return actor;
}

export function requireAdmin(res: Response): Actor {
  const actor = actorOf(res);
  if (actor.role !== 'admin') throw new AppError('forbidden', 'this needs an admin');
  return actor;
}
