import { Router } from 'express';
import { z } from 'zod';
import { Channel } from '../domain/customer.js';
import { AppError, notFound } from '../domain/errors.js';
import { canSee } from '../engine/authorize.js';
import { templateData } from '../engine/customer-messages.js';
import { nowIso, scenarioOf, type Engine } from '../engine/engine.js';
import { restoreSnapshot } from '../engine/snapshots.js';
import { composeMessage, purposeOfState, templateFor, variantFor } from '../responses/compose.js';
import { hasTemplate } from '../responses/templates.js';
import type { Db } from '../store/db.js';
import { loadCase, type CaseRecord } from '../store/cases.js';
import type { Actor } from '../domain/roles.js';
import { customerMessagesOfCase } from '../store/outbox.js';
import { actorOf } from './auth.js';
import { parse } from './validate.js';

export const PreviewInput = z
  .object({
    template: z.string().regex(/^[a-z0-9-]{1,60}$/).optional().describe("a template name (apology, explanation, offer, approval, follow-up, not-a-defect, reopen, call-note); the current step's when omitted"),
    channel: z.enum([...Channel.options, 'sms']).optional().describe("the channel to render for; the case's channel when omitted"),
    text: z.string().trim().min(1).max(10_000).optional().describe('the handler’s own text: linted and shown in the channel instead of the template'),
    cause: z.string().trim().min(1).max(10_000).optional().describe('for the explanation: what happened'),
    prevention: z.string().trim().min(1).max(10_000).optional().describe('for the explanation: what changes'),
    reason: z.string().trim().min(1).max(2000).optional().describe('for the not-a-defect note: what we found'),
  })
  .strict();

/** Delivery states as a handler reads them: an outbox row delivered is a message sent. */
const DELIVERY: Record<string, string> = { pending: 'pending', delivered: 'sent', failed: 'failed', held: 'held', expired: 'expired' };

/** The customer messages of a case with their delivery status, oldest first, for the case view. */
export async function messagesOfCase(db: Db, caseId: string) {
  const rows = await customerMessagesOfCase(db, caseId);
  return rows
    .map((r) => {
      const p = r.payload as Record<string, unknown>;
      return {
        id: r.id,
        purpose: p.purpose ?? null,
        template: p.template ?? null,
        channel: p.channel ?? null,
        subject: p.subject ?? null,
        body: p.body ?? p.text ?? null,
        segments: p.segments ?? null,
        status: DELIVERY[r.status] ?? r.status,
        attempts: r.attempts,
        lastError: r.lastError,
        createdAt: r.createdAt,
        deliveredAt: r.deliveredAt,
      };
    });
}

/**
 * `POST /api/v1/cases/:id/messages/preview`: what the customer would receive for the current step (or
 * the named template) in their language and channel, or the handler's own text, with the blame lint's
 * findings. Nothing is written.
 */
export type PreviewInput = z.infer<typeof PreviewInput>;

/**
 * What the customer would receive for the case's current step (or the named template), or the handler's
 * own text, with the blame lint's findings. Nothing is written. The API's preview and the console's
 * composer both answer with this.
 */
export function previewMessage(engine: Engine, c: CaseRecord, actor: Actor, input: PreviewInput) {
  const scenario = scenarioOf(engine, c.scenario);
  const snapshot = restoreSnapshot(c.snapshot, c.machineVersion);
  const template = input.template ?? templateFor(scenario, purposeOfState(c.state, scenario));
  const variant = variantFor(input.channel ?? Channel.safeParse(c.channel).data, c.customer);
  if (!hasTemplate(c.customer.locale, scenario.id, template, variant)) {
    throw new AppError('validation', `no template ${template}`, { errors: [{ path: 'template', message: `unknown template ${template}` }] });
  }
  const data = templateData(engine, c, scenario, snapshot.context, actor, nowIso(engine), input);
  const { edited: _edited, ...message } = composeMessage({ scenarioId: scenario.id, template, variant, data, text: input.text });
  return message;
}

/** `POST /api/v1/cases/:id/messages/preview`: see `previewMessage`. */
export function messagesRouter(engine: Engine): Router {
  const r = Router({ mergeParams: true });
  r.post('/preview', async (req, res) => {
    const actor = actorOf(res);
    const input = parse(PreviewInput, req.body ?? {});
    const id = (req.params as Record<string, string>).id ?? '';
    const c = await loadCase(engine.store.read, id);
    if (!c || !canSee(actor, c.ownerId)) throw notFound('case');
    res.json(previewMessage(engine, c, actor, input));
  });
  return r;
}
