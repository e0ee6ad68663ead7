import { Router } from 'express';
import { z } from 'zod';
import { OpenCaseInput } from '../domain/case.js';
import { AppError, notFound } from '../domain/errors.js';
import { canSee } from '../engine/authorize.js';
import { dispatch, parseEvent } from '../engine/dispatch.js';
import type { Engine } from '../engine/engine.js';
import { openCase } from '../engine/open-case.js';
import { STATE_PATHS } from '../engine/snapshots.js';
import { listCases, loadCase, type CaseRecord } from '../store/cases.js';
import { readJournal } from '../store/journal.js';
import { getUsers } from '../store/users.js';
import { actorOf } from './auth.js';
import { idempotencyOf, ifMatchOf, parse } from './validate.js';
import { sendCase } from './respond.js';
import { caseSummary, caseView } from './view.js';
import type { Actor } from '../domain/roles.js';

export const ListQuery = z
  .object({
    status: z.enum(['open', 'resolved', 'closed']).optional(),
    // Bounded like the values they are compared with: a longer one can match nothing, so it is refused.
    owner: z.string().min(1).max(200).optional().describe('a user id, "me" or "none"'),
    scenario: z.string().min(1).max(100).optional(),
    tone: z.enum(['constructive', 'conflict']).optional(),
    state: z.enum(STATE_PATHS as [string, ...string[]]).optional().describe('the state a case is in, e.g. compensate.awaitingApproval'),
    customer: z.string().min(1).max(200).optional().describe("the customer's id"),
    breaching: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().min(1).max(500).optional(),
  })
  .strict();

export const TimelineQuery = z
  .object({
    after: z.coerce.number().int().min(0).default(0).describe('entries after this version'),
    limit: z.coerce.number().int().min(1).max(500).default(200),
  })
  .strict();

const Cursor = z.object({ c: z.string(), i: z.string() }).strict();

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const { c, i } = Cursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { createdAt: c, id: i };
  } catch {
    throw new AppError('validation', 'the cursor is not one this API gave out', { errors: [{ path: 'cursor', message: 'invalid cursor' }] });
  }
}

const encodeCursor = (c: CaseRecord) => Buffer.from(JSON.stringify({ c: c.createdAt, i: c.id })).toString('base64url');

async function visibleCase(engine: Engine, id: string, actor: Actor): Promise<CaseRecord> {
  const c = await loadCase(engine.store.read, id);
  // A case the actor may not see answers exactly like a case that does not exist.
  if (!c || !canSee(actor, c.ownerId)) throw notFound('case');
  return c;
}

/** Who a journal entry names: a person, the system, or the case's customer answering on their status page. */
function actorName(e: { actorId: string; actorRole: string }, users: Map<string, { name: string }>, c: CaseRecord): string {
  if (e.actorRole === 'customer') return c.customer.name;
  return users.get(e.actorId)?.name ?? (e.actorId === 'system' ? 'Amends' : e.actorId);
}

export function casesRouter(engine: Engine): Router {
  const r = Router();

  r.post('/', async (req, res) => {
    const actor = actorOf(res);
    const input = parse(OpenCaseInput, req.body);
    const { record, replayed, visible } = await openCase(engine, input, actor, { idempotency: idempotencyOf(req, input) });
    await sendCase(req, res, engine, record, actor, replayed ? 200 : 201, replayed, visible);
  });

  r.get('/', async (req, res) => {
    const actor = actorOf(res);
    const q = parse(ListQuery, req.query, 'query');
    const limit = q.limit;
    const rows = await listCases(engine.store.read, {
      status: q.status,
      ownerId: q.owner === undefined ? undefined : q.owner === 'none' ? null : q.owner === 'me' ? actor.id : q.owner,
      scenario: q.scenario,
      tone: q.tone,
      state: q.state,
      customerId: q.customer,
      breaching: q.breaching === undefined ? undefined : q.breaching === 'true',
      visibleTo: actor.role === 'handler' ? actor.id : undefined,
      after: q.cursor ? decodeCursor(q.cursor) : undefined,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const users = await getUsers(engine.store.read, page.map((c) => c.ownerId).filter((x): x is string => x !== null));
    const last = page.at(-1);
    res.json({ items: page.map((c) => caseSummary(c, users)), nextCursor: rows.length > limit && last ? encodeCursor(last) : null });
  });

  r.get('/:id', async (req, res) => {
    const actor = actorOf(res);
    const c = await visibleCase(engine, req.params.id, actor);
    res.set('ETag', `"${c.version}"`).json(await caseView(engine.store.read, engine, c, actor));
  });

  r.post('/:id/events', async (req, res) => {
    const actor = actorOf(res);
    // Validate first: nothing unvalidated is hashed for the Idempotency-Key.
    const event = parseEvent(req.body);
    const result = await dispatch(engine, req.params.id, event, actor, { ifMatch: ifMatchOf(req), idempotency: idempotencyOf(req, event) });
    if (!result) throw new AppError('conflict', 'the event was not applied');
    await sendCase(req, res, engine, result.record, actor, 200, result.replayed);
  });

  r.get('/:id/timeline', async (req, res) => {
    const actor = actorOf(res);
    const c = await visibleCase(engine, req.params.id, actor);
    const after = parse(TimelineQuery, req.query, 'query');
    const entries = await readJournal(engine.store.read, req.params.id, after.after, after.limit);
    const users = await getUsers(engine.store.read, entries.map((e) => e.actorId));
    res.json({
      items: entries.map((e) => ({
        version: e.version,
        type: e.type,
        by: { id: e.actorId, role: e.actorRole, name: actorName(e, users, c) },
        from: e.fromState,
        to: e.toState,
        payload: e.payload,
        at: e.at,
      })),
    });
  });

  return r;
}
