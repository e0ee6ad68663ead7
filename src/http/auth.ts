import type { RequestHandler, Response } from 'express';
import { AppError } from '../domain/errors.js';
import { isLead, type Actor } from '../domain/roles.js';
import type { Store } from '../store/db.js';
import { findUserByToken } from '../store/users.js';

/** Every /api route needs `Authorization: Bearer <token>`; the acting user lands in res.locals.actor. */
export function bearerAuth(store: Store): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m?.[1]) throw new AppError('unauthorized', 'send Authorization: Bearer <token>');
    const user = await findUserByToken(store.read, m[1]);
    if (!user) throw new AppError('unauthorized', 'the token is unknown or revoked');
    const actor: Actor = { kind: 'user', id: user.id, name: user.name, role: user.role, limit: user.limit };
    res.locals.actor = actor;
    next();
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
