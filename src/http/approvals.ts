import { Router } from 'express';
import { z } from 'zod';
import { AppError, notFound } from '../domain/errors.js';
import { PositiveMoney, subtract } from '../domain/money.js';
import { dispatch, type DispatchResult } from '../engine/dispatch.js';
import type { Idempotency } from '../engine/idempotency.js';
import type { Engine } from '../engine/engine.js';
import { restoreSnapshot } from '../engine/snapshots.js';
import { listCases } from '../store/cases.js';
import { caseIdOfOffer, ledgerOfCase } from '../store/ledger.js';
import { timersOfCase } from '../store/timers.js';
import { getUsers } from '../store/users.js';
import { requireLead } from './auth.js';
import type { Actor } from '../domain/roles.js';
import { idempotencyOf, noQuery, parse } from './validate.js';
import { sendCase } from './respond.js';

const comment = z.string().trim().min(1).max(2000).regex(/\S/, 'must not be blank');

/** A lead's decision; approving may lower the amount, a rejection carries no value. */
export const Decision = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), value: PositiveMoney.optional().describe('approve another (lower) amount'), comment }).strict(),
  z.object({ decision: z.literal('reject'), comment }).strict(),
]);

/** Every offer waiting for a lead's decision, oldest request first: the API's inbox and the console's. */
export async function pendingApprovals(engine: Engine, actor: Actor) {
  // Oldest first, so a long queue never hides the requests that have waited longest.
  const waiting = await listCases(engine.store.read, { state: 'compensate.awaitingApproval', oldestFirst: true, limit: 500 });
  const items = await Promise.all(
    waiting.map(async (c) => {
      const offer = restoreSnapshot(c.snapshot, c.machineVersion).context.offer;
      if (!offer) return null;
      const [ledger, timers] = await Promise.all([ledgerOfCase(engine.store.read, c.id), timersOfCase(engine.store.read, c.id)]);
      const request = ledger.find((l) => l.offerId === offer.id && l.entry === 'approvalRequested');
      return {
        id: offer.id,
        caseId: c.id,
        ref: c.ref,
        scenario: c.scenario,
        customer: { id: c.customer.id, name: c.customer.name, tier: c.customer.tier },
        offer: { kind: offer.kind, value: offer.value, percent: offer.percent },
        requestedBy: offer.requestedBy,
        requestedAt: request?.at ?? c.updatedAt,
        reasons: request?.note?.split('; ') ?? [],
        budget: c.budget,
        spent: c.spent,
        remaining: subtract(c.budget, c.spent),
        dueAt: timers.find((t) => t.key === 'approval')?.dueAt ?? null,
        canDecide: offer.requestedBy !== actor.id,
      };
    }),
  );
  const list = items.filter((x) => x !== null).sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
  const users = await getUsers(engine.store.read, list.map((i) => i.requestedBy));
  return list.map((i) => ({ ...i, requestedBy: { id: i.requestedBy, name: users.get(i.requestedBy)?.name ?? i.requestedBy } }));
}

/**
 * A lead's decision on an approval request, as an APPROVE_OFFER or REJECT_OFFER event through dispatch.
 * The API's decision and the console's inbox both decide here.
 */
export async function decideApproval(engine: Engine, offerId: string, d: z.infer<typeof Decision>, actor: Actor, idempotency: (event: unknown) => Idempotency | undefined = () => undefined): Promise<DispatchResult> {
  const caseId = await caseIdOfOffer(engine.store.read, offerId);
  if (!caseId) throw notFound('approval request');
  const event = d.decision === 'approve' ? { type: 'APPROVE_OFFER', offerId, value: d.value, comment: d.comment } : { type: 'REJECT_OFFER', offerId, comment: d.comment };
  const result = await dispatch(engine, caseId, event, actor, { idempotency: idempotency(event) });
  if (!result) throw new AppError('conflict', 'the decision was not applied');
  return result;
}

/** The leads' inbox: every offer waiting for approval, oldest first, and the decision on one. */
export function approvalsRouter(engine: Engine): Router {
  const r = Router();

  r.get('/', async (req, res) => {
    const actor = requireLead(res);
    noQuery(req);
    res.json({ items: await pendingApprovals(engine, actor) });
  });

  r.post('/:id/decision', async (req, res) => {
    const actor = requireLead(res);
    const d = parse(Decision, req.body);
    const result = await decideApproval(engine, req.params.id, d, actor, (event) => idempotencyOf(req, event));
    await sendCase(req, res, engine, result.record, actor, 200, result.replayed);
  });

  return r;
}
