import express, { Router, type Request } from 'express';
import { AppError } from '../domain/errors.js';
import { OrderInput, RatingInput } from '../domain/rating.js';
import type { Engine } from '../engine/engine.js';
import { takeOrder } from '../intake/orders.js';
import { takeRating } from '../intake/ratings.js';
import { verifyIntake } from '../intake/signature.js';
import { assertCleanText, requireUtf8 } from './text-check.js';
import { parse } from './validate.js';

/** Ratings and orders are small; a larger body is refused before it is hashed. */
const INTAKE_LIMIT = '64kb';

/**
 * The signed body, exactly as received: the signature covers its bytes, so it is checked before
 * anything is parsed, and a bad signature answers 401 whatever the body holds.
 */
function signedJson(req: Request, engine: Engine): unknown {
  const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  verifyIntake(engine.config.intakeSecret, req.get('x-amends-timestamp'), req.get('x-amends-signature'), raw, engine.clock());
  if (!req.is(['application/json', 'application/*+json'])) throw new AppError('unsupportedMediaType', 'send the body as application/json');
  requireUtf8(req, undefined, raw);
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AppError('validation', 'the body is not valid JSON', { errors: [{ path: '(body)', message: 'malformed JSON' }] });
  }
  assertCleanText(body);
  return body;
}

/**
 * `POST /api/v1/intake/ratings` and `/orders`: webhooks from the booking system, authenticated by
 * their HMAC signature instead of a bearer token. Mounted before the JSON parser: the raw body is
 * what was signed.
 */
export function intakeRouter(engine: Engine): Router {
  const r = Router();
  r.use(express.raw({ type: () => true, limit: INTAKE_LIMIT }));

  r.post('/ratings', async (req, res) => {
    const rating = parse(RatingInput, signedJson(req, engine));
    const answer = await takeRating(engine, rating, engine.config.intakeLowScore);
    res.status(answer.status).json(answer.body);
  });

  r.post('/orders', async (req, res) => {
    const order = parse(OrderInput, signedJson(req, engine));
    res.json(await takeOrder(engine, order, engine.config.winBackDays));
  });

  return r;
}
