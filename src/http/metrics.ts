import type { Request, RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { isEventType } from '../domain/events.js';
import { nowIso, type Engine } from '../engine/engine.js';
import { onCommitGroup } from '../store/db.js';
import { countUndeliveredByStatus } from '../store/outbox.js';
import { countOverdue } from '../store/timers.js';
import { workerStats } from '../engine/worker-stats.js';

const EVENTS_PATH = /^\/api\/v1\/cases\/[^/]+\/events\/?$/;
const EVENTS_ROUTE = '/api/v1/cases/:id/events';

const ROUTE = Symbol('route');
const LABEL = Symbol('route label');
type Labelled = Request & { [ROUTE]?: unknown; [LABEL]?: string };
const capturing = new WeakSet<object>();

/**
 * Remember the full route pattern when Express matches it. An error leaves its router before the
 * response finishes, and Express then restores the parent's `baseUrl`: read at `finish`, the route
 * would lose its prefix (`/:id/events`). At the moment of the match `baseUrl` is still the router's own.
 * The accessor is put once on the app's request prototype, not on every request (that cost a property
 * definition per request and left each request object in a slower shape).
 */
function captureRoutes(req: Request): void {
  const proto = Object.getPrototypeOf(req) as object;
  if (capturing.has(proto)) return;
  capturing.add(proto);
  Object.defineProperty(proto, 'route', {
    configurable: true,
    enumerable: true,
    get(this: Labelled) {
      return this[ROUTE];
    },
    set(this: Labelled, value: { path?: unknown } | undefined) {
      this[ROUTE] = value;
      if (value?.path !== undefined) this[LABEL] = `${this.baseUrl}${String(value.path)}`;
    },
  });
}

/** What a metrics page shows when this process is one of several: the text gathered from all of them. */
export type GatherMetrics = () => Promise<{ text: string; contentType: string }>;

export interface MetricsOptions {
  /**
   * An HTTP process in front of the writer (src/cluster): it counts its own HTTP traffic, the writer
   * counts commits, leases and backlogs, and the page shows the sum that `gather` collects.
   */
  gather?: GatherMetrics | undefined;
}

/** Prometheus metrics of one app: HTTP traffic, and (unless the writer is another process) the engine's. */
export function createMetrics(engine: Engine, opts: MetricsOptions = {}) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'amends_' });
  const requests = new Histogram({
    name: 'amends_http_request_duration_seconds',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const events = new Counter({
    name: 'amends_case_events_total',
    help: 'Case events sent over HTTP by type (`invalid` when unknown) and HTTP status, refused ones included',
    labelNames: ['type', 'status'],
    registers: [registry],
  });
  if (!opts.gather) engineMetrics(engine, registry);

  const middleware: RequestHandler = (req, res, next) => {
    const end = requests.startTimer();
    captureRoutes(req);
    res.on('finish', () => {
      // The matched route pattern, not the raw path: ids must not explode label cardinality.
      const route = (req as Labelled)[LABEL] ?? 'unmatched';
      end({ method: req.method, route, status: String(res.statusCode) });
      // Refused events count too, even those refused before routing (unreadable JSON, wrong media type).
      if (req.method === 'POST' && (route === EVENTS_ROUTE || EVENTS_PATH.test(req.path))) {
        const type: unknown = (req.body as { type?: unknown } | undefined)?.type;
        events.inc({ type: isEventType(type) ? type : 'invalid', status: String(res.statusCode) });
      }
    });
    next();
  };
  const gather = opts.gather;
  const handler: RequestHandler = async (_req, res) => {
    if (gather) {
      const { text, contentType } = await gather();
      res.type(contentType).send(text);
      return;
    }
    res.type(registry.contentType).send(await registry.metrics());
  };
  return { middleware, handler, registry };
}

/** The registry of the writer process when HTTP is served by others: the engine's metrics and its own. */
export function writerRegistry(engine: Engine): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'amends_' });
  engineMetrics(engine, registry);
  return registry;
}

/** What the process that applies writes knows: commits, leases, retries, and the backlogs in the database. */
function engineMetrics(engine: Engine, registry: Registry): void {
  // Group commit at work: transactions per SQLite commit (one fsync each). Groups of one under load
  // mean requests are not being grouped.
  const groups = new Counter({ name: 'amends_commit_groups_total', help: 'SQLite commits of write transactions (one fsync each)', registers: [registry] });
  const groupSize = new Histogram({
    name: 'amends_commit_group_size',
    help: 'Write transactions carried by one SQLite commit',
    buckets: [1, 2, 4, 8, 16, 32, 64],
    registers: [registry],
  });
  onCommitGroup(engine.store, (size) => {
    groups.inc();
    groupSize.observe(size);
  });
  new Gauge({
    name: 'amends_outbox_pending',
    help: 'Alerts and messages waiting for delivery (held ones are in amends_outbox_messages{status="held"})',
    registers: [registry],
    async collect() {
      this.set((await countUndeliveredByStatus(engine.store.read)).pending);
    },
  });
  new Gauge({
    name: 'amends_outbox_messages',
    help: 'Outbox rows not delivered, by status: pending, held (no webhook configured), failed (gave up), expired (no longer fitted the case)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const counts = await countUndeliveredByStatus(engine.store.read);
      for (const [status, n] of Object.entries(counts)) this.set({ status }, n);
    },
  });
  new Gauge({
    name: 'amends_timers_overdue',
    help: 'Deadline timers due but not yet fired',
    registers: [registry],
    async collect() {
      this.set(await countOverdue(engine.store.read, nowIso(engine)));
    },
  });

  const poolStats = engine.store.poolStats?.bind(engine.store);
  if (poolStats) {
    new Gauge({
      name: 'amends_db_pool_connections',
      help: 'PostgreSQL connections of this process by state: total, idle, and waiting (requests queued for a free connection)',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        for (const [state, n] of Object.entries(poolStats())) this.set({ state }, n);
      },
    });
  }

  const stats = workerStats(engine);
  new Counter({
    name: 'amends_lease_claims_total',
    help: 'Due timers and outbox messages this process claimed with a lease, by queue',
    labelNames: ['queue'],
    registers: [registry],
    collect() {
      this.reset();
      for (const queue of ['timers', 'outbox'] as const) this.inc({ queue }, stats.claims[queue]);
    },
  });
  new Counter({
    name: 'amends_lease_reclaims_total',
    help: 'Claims of rows whose previous lease had expired (a worker died or stalled holding them), by queue',
    labelNames: ['queue'],
    registers: [registry],
    collect() {
      this.reset();
      for (const queue of ['timers', 'outbox'] as const) this.inc({ queue }, stats.reclaims[queue]);
    },
  });
  new Counter({
    name: 'amends_cas_retries_total',
    help: 'Events applied again after another process wrote the same case first (lost compare-and-swap)',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(stats.casRetries);
    },
  });
  new Counter({
    name: 'amends_leases_lost_total',
    help: 'Deliveries that finished after another worker had taken the message over (the receiver deduplicates on its id)',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(stats.leasesLost);
    },
  });
}
