import express, { Router } from 'express';
import { verifySlack } from '../alerts/slack-signature.js';
import { AppError } from '../domain/errors.js';
import type { Engine } from '../engine/engine.js';
import { handleInteraction } from '../engine/slack-decisions.js';

/** Slack's interaction payloads are a few kB; a modal's state stays well under this. */
const SLACK_LIMIT = '128kb';

/**
 * `POST /api/v1/slack/interactions`: button clicks and modal submissions from the Slack app, signed
 * with AMENDS_SLACK_SIGNING_SECRET instead of a bearer token. Mounted before the JSON parser: the
 * raw form body is what Slack signed. Slack wants an answer within 3 seconds, so only the decision
 * itself (one local transaction) happens here; updating the message goes through the outbox.
 */
export function slackInteractionsRouter(engine: Engine): Router {
  const r = Router();
  r.use(express.raw({ type: () => true, limit: SLACK_LIMIT }));

  r.post('/interactions', async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    verifySlack(engine.config.slackSigningSecret, req.get('x-slack-request-timestamp'), req.get('x-slack-signature'), raw, engine.clock());
    if (!req.is('application/x-www-form-urlencoded')) throw new AppError('unsupportedMediaType', 'Slack sends interactions as application/x-www-form-urlencoded');
    const field = new URLSearchParams(raw.toString('utf8')).get('payload');
    let payload: unknown;
    try {
      payload = field === null ? undefined : JSON.parse(field);
    } catch {
      payload = undefined;
    }
    if (payload === undefined) throw new AppError('validation', 'the form field payload must hold JSON', { errors: [{ path: 'payload', message: 'missing or not JSON' }] });
    const answer = await handleInteraction(engine, payload);
    if (answer) res.json(answer);
    else res.status(200).end();
  });

  return r;
}
