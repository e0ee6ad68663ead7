import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { AppError } from '../domain/errors.js';
import type { Engine } from '../engine/engine.js';
import type { Logger } from '../log.js';
import { ping } from '../store/db.js';
import { approvalsRouter } from './approvals.js';
import { auditRouter } from './audit.js';
import { bearerAuth } from './auth.js';
import { consoleRouter } from '../console/router.js';
import { calendarRouter, slaRouter } from './calendar.js';
import { casesRouter } from './cases.js';
import { homePage } from './home.js';
import { messagesRouter } from './messages.js';
import { intakeRouter } from './intake.js';
import { slackInteractionsRouter } from './slack-interactions.js';
import { boundJsonDepth } from './json-depth.js';
import { createMetrics, type GatherMetrics } from './metrics.js';
import { refuseBadText, requireUtf8 } from './text-check.js';
import { openApiDocument } from './openapi.js';
import { peopleRouter } from './people.js';
import { notFoundHandler, problemHandler } from './problem.js';
import { reportsRouter } from './reports.js';
import { scenariosRouter } from './scenarios.js';
import { statusPageRouter } from './status-page.js';
import { statusRatingRouter } from './status-rating.js';

/** Bodies are small JSON documents; anything larger is refused with 413 before parsing. */
const BODY_LIMIT_BYTES = 256 * 1024;
/** Paths the API answers (Express matches paths case-insensitively). */
const API_PATH = /^\/api(\/|$)/i;

export interface AppOptions {
  /** Failed authentications per token and per address per minute before 429. */
  authFailuresPerMinute: number;
  /** Express's `trust proxy` (AMENDS_TRUST_PROXY); none by default. */
  trustProxy?: false | number | string;
  /** Set in an HTTP process in front of the writer: /metrics shows what all processes counted. */
  gatherMetrics?: GatherMetrics | undefined;
  /** The app's metrics, when its process needs the registry too (to hand it to the writer's page). */
  metrics?: ReturnType<typeof createMetrics> | undefined;
}

/** Every JSON body of the API is an object: an array, a string, a number or null is refused as such. */
const requireJsonObject: RequestHandler = (req, _res, next) => {
  if (req.body !== undefined && req.is(['application/json', 'application/*+json']) && (req.body === null || typeof req.body !== 'object' || Array.isArray(req.body))) {
    const got = req.body === null ? 'null' : Array.isArray(req.body) ? 'an array' : `a ${typeof req.body}`;
    throw new AppError('validation', `the body must be a JSON object, not ${got}`, { errors: [{ path: '(body)', message: `expected an object, got ${got}` }] });
  }
  next();
};

export function createApp(engine: Engine, log: Logger, opts: AppOptions = { authFailuresPerMinute: 20 }): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', opts.trustProxy ?? false);
  app.use(helmet());
  app.use((req, _res, next) => {
    // RFC 9112 §3.2: an HTTP/1.1 request without Host is refused with 400.
    if (req.httpVersion === '1.1' && req.headers.host === undefined) throw new AppError('validation', 'HTTP/1.1 requests need a Host header', { errors: [{ path: 'Host', message: 'missing' }] });
    next();
  });
  const metrics = opts.metrics ?? createMetrics(engine, { gather: opts.gatherMetrics });
  app.use(metrics.middleware);
  // Signed webhooks need their raw body: mounted before the JSON parser and outside bearer auth.
  app.use('/api/v1/intake', intakeRouter(engine));
  app.use('/api/v1/slack', slackInteractionsRouter(engine));
  // The customer's page answers plain form posts (urlencoded, its own small limit), not JSON.
  app.use('/status', statusPageRouter(engine));
  // The customer's re-rating form posts urlencoded: before the JSON-only body checks.
  app.use('/status', statusRatingRouter(engine));
  app.use((req, res, next) => {
    // A declared length over the limit is refused at once, and the connection closed: the body parser
    // would first drain the whole announced body (a terabyte, if the client says so) before answering.
    if (Number(req.get('content-length') ?? 0) > BODY_LIMIT_BYTES) {
      res.set('Connection', 'close');
      throw new AppError('tooLarge', `the body exceeds the limit of ${BODY_LIMIT_BYTES / 1024} kB`);
    }
    next();
  });
  // The console's pages and form posts (urlencoded), before the API's JSON-only rule below.
  // API requests skip it: none of its routes begins with /api (each starts with a fixed segment of its
  // own), yet walking its dozen routers and their routes cost every API request a path match apiece.
  const consolePages = consoleRouter(engine, log);
  app.use((req, res, next) => (API_PATH.test(req.path) ? next() : consolePages(req, res, next)));
  // Not strict: `null` or `42` is valid JSON, and the answer should say what is wrong with it (below).
  app.use(express.json({ limit: BODY_LIMIT_BYTES, type: ['application/json', 'application/*+json'], strict: false, verify: requireUtf8 }));
  app.use(boundJsonDepth);
  app.use(requireJsonObject);
  app.use(refuseBadText);
  app.use((req, _res, next) => {
    const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
    if (hasBody && ['POST', 'PUT', 'PATCH'].includes(req.method) && !req.is(['application/json', 'application/*+json'])) {
      throw new AppError('unsupportedMediaType', 'send the body as application/json');
    }
    next();
  });

  app.get('/', homePage);
  app.get('/healthz', async (_req, res) => {
    await ping(engine.store);
    res.json({ status: 'ok' });
  });
  app.get('/metrics', metrics.handler);
  app.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  app.use('/api/v1/sla', slaRouter(engine));

  const api = express.Router();
  api.use(bearerAuth(engine, opts.authFailuresPerMinute));
  api.use('/cases/:id/messages', messagesRouter(engine));
  api.use('/cases', casesRouter(engine));
  api.use('/approvals', approvalsRouter(engine));
  api.use('/scenarios', scenariosRouter(engine));
  api.use('/reports', reportsRouter(engine));
  api.use('/audit', auditRouter(engine));
  api.use('/', peopleRouter(engine));
  api.use('/', calendarRouter(engine));
  app.use('/api/v1', api);

  app.use(notFoundHandler);
  app.use(problemHandler(log));
  return app;
}
