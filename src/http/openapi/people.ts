import { z } from 'zod';
import { Money } from '../../domain/money.js';
import { ROLES } from '../../domain/roles.js';
import { BudgetInput, BudgetQuery, UserChange } from '../people.js';
import { operation, type Paths } from './builder.js';

const Role = z.enum(ROLES);
const Me = z.object({ id: z.string(), name: z.string(), role: Role, limit: Money.nullable() }).strict();
const User = z
  .object({ id: z.string(), name: z.string(), role: Role, limit: Money.nullable(), email: z.string().nullable().optional(), active: z.boolean(), slackUserId: z.string().nullable().optional() })
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
  '/api/v1/users': { get: operation({ summary: 'People (leads)', tags: ['people'], ok: { 200: { schema: z.object({ items: z.array(User) }).strict() } }, problems: [403] }) },
  '/api/v1/users/{id}': {
    patch: operation({ summary: "Change a person's limit, whether they are active, or their Slack user id (admins)", tags: ['people'], params: { id: 'the user id' }, body: UserChange, ok: { 200: { schema: User } }, problems: [403] }),
  },
  '/api/v1/budget': {
    get: operation({ summary: "The team's monthly budget and spend (leads)", tags: ['people'], query: BudgetQuery, ok: { 200: { schema: Budget } }, problems: [403] }),
    put: operation({ summary: "Set the team's monthly budget (admins)", tags: ['people'], body: BudgetInput, ok: { 200: { schema: Budget } }, problems: [403] }),
  },
};
