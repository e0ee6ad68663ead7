import { Router } from 'express';
import { z } from 'zod';
import { notFound } from '../domain/errors.js';
import { Currency, NonNegativeMoney } from '../domain/money.js';
import { setTeamBudget, teamBudget } from '../engine/budget.js';
import { nowIso, type Engine } from '../engine/engine.js';
import { listUsers, updateLimit, type User } from '../store/users.js';
import { actorOf, requireAdmin, requireLead } from './auth.js';
import { parse } from './validate.js';

/** `PATCH /users/{id}`: a personal limit (null: none; a handler without one grants nothing alone). */
export const LimitPatch = z.object({ limit: NonNegativeMoney.nullable() }).strict();
export const BudgetInput = NonNegativeMoney;
export const BudgetQuery = z.object({ currency: Currency.optional().describe('the team currency by default') }).strict();

const publicUser = (u: User) => ({ id: u.id, name: u.name, role: u.role, limit: u.limit, active: u.active });

/** `/me`, `/users` (leads read, admins change limits) and `/budget` (the team's monthly budget). */
export function peopleRouter(engine: Engine): Router {
  const r = Router();

  r.get('/me', (_req, res) => {
    const a = actorOf(res);
    res.json({ id: a.id, name: a.name, role: a.role, limit: a.kind === 'user' ? a.limit : null });
  });

  r.get('/users', async (_req, res) => {
    requireLead(res);
    res.json({ items: (await listUsers(engine.store.read)).map(publicUser) });
  });

  r.patch('/users/:id', async (req, res) => {
    requireAdmin(res);
    const body = parse(LimitPatch, req.body);
    const user = await updateLimit(engine.store.db, req.params.id, body.limit);
    if (!user) throw notFound('user');
    res.json(publicUser(user));
  });

  r.get('/budget', async (req, res) => {
    requireLead(res);
    const q = parse(BudgetQuery, req.query, 'query');
    res.json(await teamBudget(engine.store.read, nowIso(engine), engine.config.timeZone, q.currency ?? engine.config.currency));
  });

  r.put('/budget', async (req, res) => {
    requireAdmin(res);
    const budget = parse(BudgetInput, req.body);
    await setTeamBudget(engine.store.db, budget, nowIso(engine));
    res.json(await teamBudget(engine.store.read, nowIso(engine), engine.config.timeZone, budget.currency));
  });

  return r;
}
