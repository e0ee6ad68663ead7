import { z } from 'zod';
import { Money } from '../../domain/money.js';
import { ROLES } from '../../domain/roles.js';
import { AuditQuery } from '../audit.js';
import { NewUserInput } from '../../domain/person.js';
import { BudgetInput, BudgetQuery, UserChange } from '../people.js';
import { operation, type Paths } from './builder.js';

const Role = z.enum(ROLES);
const Me = z.object({ id: z.string(), name: z.string(), role: Role, limit: Money.nullable() }).strict();
const User = z
  .object({ id: z.string(), name: z.string(), role: Role, limit: Money.nullable(), email: z.string().nullable(), active: z.boolean(), slackUserId: z.string().nullable().describe('who the person is in Slack; null when not mapped'), rota: z.string().nullable().describe('the team calendar rota the person works; null when none') })
  .strict();
const AuditEntry = z
  .object({
    id: z.string(),
    at: z.string(),
    by: z.object({ id: z.string(), role: z.string() }).strict(),
    action: z.string().describe('e.g. user.create, user.limit, user.rota, user.deactivate, token.issue, token.revoke, budget.set, calendar.set'),
    subject: z.string().describe('a user id, or budget:<currency>'),
    before: z.unknown(),
    after: z.unknown(),
  })
  .strict();
const Budget = z
  .object({
    month: z.string().describe('yyyy-MM in the team time zone'),
    budget: Money.nullable().describe('null when none is set'),
    issued: Money,
    reverted: Money,
    recovered: Money,
    spent: Money.describe('issued − reverted'),
    net: Money.describe('spent − recovered'),
    committed: Money.describe('approved, not yet issued'),
    remaining: Money.nullable().describe('budget − spent − committed'),
  })
  .strict();

export const peoplePaths: Paths = {
  '/api/v1/me': { get: operation({ summary: 'Who the token belongs to', tags: ['people'], ok: { 200: { schema: Me } } }) },
  '/api/v1/users': {
    get: operation({ summary: 'People (leads)', tags: ['people'], ok: { 200: { schema: z.object({ items: z.array(User) }).strict() } }, problems: [403] }),
    post: operation({
      summary: 'Create a person with a first token (admins; audited)',
      tags: ['people'],
      body: NewUserInput,
      ok: { 201: { schema: User.extend({ token: z.string().describe('shown once') }).strict(), headers: ['Location'] } },
      problems: [403, 409],
    }),
  },
  '/api/v1/users/{id}': {
    patch: operation({ summary: "Change a person's limit, deactivate them, set their Slack user id or their rota (admins; audited)", tags: ['people'], params: { id: 'the user id' }, body: UserChange, ok: { 200: { schema: User } }, problems: [403, 409] }),
  },
  '/api/v1/users/{id}/tokens': {
    post: operation({ summary: 'Issue another token (admins; audited); shown once', tags: ['people'], params: { id: 'the user id' }, ok: { 201: { schema: z.object({ token: z.string() }).strict() } }, problems: [403] }),
    delete: operation({ summary: 'Revoke every token of the person (admins; audited)', tags: ['people'], params: { id: 'the user id' }, ok: { 200: { schema: z.object({ revoked: z.number().int() }).strict() } }, problems: [403] }),
  },
  '/api/v1/audit': {
    get: operation({
      summary: 'Changes of people, limits, tokens and budgets, oldest first (admins)',
      tags: ['people'],
      query: AuditQuery,
      ok: { 200: { schema: z.object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() }).strict() } },
      problems: [403],
    }),
  },
  '/api/v1/budget': {
    get: operation({ summary: "The team's monthly budget and spend (leads)", tags: ['people'], query: BudgetQuery, ok: { 200: { schema: Budget } }, problems: [403] }),
    put: operation({ summary: "Set the team's monthly budget (admins)", tags: ['people'], body: BudgetInput, ok: { 200: { schema: Budget } }, problems: [403] }),
  },
};
