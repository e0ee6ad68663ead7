import { Router } from 'express';
import { z } from 'zod';
import { Currency, NonNegativeMoney } from '../domain/money.js';
import { NewUserInput } from '../domain/person.js';
import { SlackUserId } from '../domain/slack-user.js';
import { RotaName } from '../sla/calendar.js';
import { assertTeamCurrency, changeUser, createUser, defaultLimit, issueUserToken, publicUser, revokeUserTokens, setBudget } from '../engine/admin.js';
import { teamBudget } from '../engine/budget.js';
import { nowIso, type Engine } from '../engine/engine.js';
import { listUsers } from '../store/users.js';
import { actorOf, requireAdmin, requireLead } from './auth.js';
import { noQuery, parse } from './validate.js';

export const BudgetInput = NonNegativeMoney;
export const BudgetQuery = z.object({ currency: Currency.optional().describe('the team currency by default') }).strict();

export const UserChange = z
  .object({
    limit: NonNegativeMoney.nullable().optional().describe('in the team currency; null: none'),
    active: z.boolean().optional(),
    slackUserId: SlackUserId.nullable().optional().describe("the person's Slack user id: their clicks in Slack are their decisions; null unmaps"),
    rota: RotaName.nullable().optional().describe('a rota of the team calendar: without hours of their own the person is on duty while it is open; null takes them off'),
  })
  .strict()
  .refine((c) => c.limit !== undefined || c.active !== undefined || c.slackUserId !== undefined || c.rota !== undefined, { message: 'give limit, active, slackUserId or rota', path: ['limit'] });

/** `POST /users/:id/tokens` takes no fields: an empty body or `{}`. */
export const TokenRequest = z.object({}).strict();

/** `/me`, `/users` (leads read, admins change people, limits and tokens) and `/budget` (the team's monthly budget). */
export function peopleRouter(engine: Engine): Router {
  const r = Router();

  r.get('/me', (req, res) => {
    noQuery(req);
    const a = actorOf(res);
    res.json({ id: a.id, name: a.name, role: a.role, limit: a.kind === 'user' ? a.limit : null });
  });

  r.get('/users', async (req, res) => {
    noQuery(req);
    requireLead(res);
    res.json({ items: (await listUsers(engine.store.read)).map(publicUser) });
  });

  r.post('/users', async (req, res) => {
    const admin = requireAdmin(res);
    const body = parse(NewUserInput, req.body);
    const limit = defaultLimit(body.role, body.limit, engine.config.currency);
    const { user, token } = await createUser(engine.store, admin, { ...body, limit }, nowIso(engine));
    res.status(201).set('Location', `/api/v1/users/${user.id}`).json({ ...publicUser(user), token });
  });

  r.patch('/users/:id', async (req, res) => {
    const admin = requireAdmin(res);
    const body = parse(UserChange, req.body);
    if (body.limit) assertTeamCurrency(body.limit, engine.config.currency);
    res.json(publicUser(await changeUser(engine.store, admin, req.params.id, body, nowIso(engine))));
  });

  r.post('/users/:id/tokens', async (req, res) => {
    const admin = requireAdmin(res);
    parse(TokenRequest, req.body ?? {});
    res.status(201).json({ token: await issueUserToken(engine.store, admin, req.params.id, nowIso(engine)) });
  });

  r.delete('/users/:id/tokens', async (req, res) => {
    const admin = requireAdmin(res);
    res.json({ revoked: await revokeUserTokens(engine.store, admin, req.params.id, nowIso(engine)) });
  });

  r.get('/budget', async (req, res) => {
    requireLead(res);
    const q = parse(BudgetQuery, req.query, 'query');
    res.json(await teamBudget(engine.store.read, nowIso(engine), engine.config.timeZone, q.currency ?? engine.config.currency));
  });

  r.put('/budget', async (req, res) => {
    const admin = requireAdmin(res);
    const budget = parse(BudgetInput, req.body);
    await setBudget(engine.store, admin, budget, nowIso(engine));
    res.json(await teamBudget(engine.store.read, nowIso(engine), engine.config.timeZone, budget.currency));
  });

  return r;
}
