import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { isEventType } from '../domain/events.js';
import { nowIso, type Engine } from '../engine/engine.js';

/** Prometheus metrics of one app: HTTP traffic, and the backlog of the worker (cheap partial-index counts). */
export function createMetrics(engine: Engine) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'amends_' });
  const requests = new Histogram({
    name: 'amends_http_request_duration_seconds',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const events = new Counter({ name: 'amends_case_events_total', help: 'Case events by type and HTTP status', labelNames: ['type', 'status'], registers: [registry] });
  new Gauge({
    name: 'amends_outbox_pending',
    help: 'Alerts and messages waiting for delivery',
    registers: [registry],
    async collect() {
      const r = await engine.store.read.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirst();
      this.set(Number(r?.n ?? 0));
    },
  });
  new Gauge({
    name: 'amends_timers_overdue',
    help: 'Deadline timers due but not yet fired',
    registers: [registry],
    async collect() {
      const r = await engine.store.read
        .selectFrom('timers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'pending')
        .where('due_at', '<=', nowIso(engine))
        .executeTakeFirst();
      this.set(Number(r?.n ?? 0));
    },
  });

  const middleware: RequestHandler = (req, res, next) => {
    const end = requests.startTimer();
    res.on('finish', () => {
      // The matched route pattern, not the raw path: ids must not explode label cardinality.
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      end({ method: req.method, route, status: String(res.statusCode) });
      if (route === '/api/v1/cases/:id/events') {
        const type = isEventType(req.body?.type) ? req.body.type : 'invalid';
        events.inc({ type, status: String(res.statusCode) });
      }
    });
    next();
  };
  const handler: RequestHandler = async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  };
  return { middleware, handler };
}
