import type { Engine } from './engine.js';

/** What the workers of one process did with leases, for /metrics. Counts since the process started. */
export interface WorkerStats {
  /** Rows claimed with a lease, by queue. */
  claims: { timers: number; outbox: number };
  /** Of those, rows whose previous lease had expired: a worker died (or stalled) holding them. */
  reclaims: { timers: number; outbox: number };
  /** Events applied again after losing a compare-and-swap to a concurrent writer of the same case. */
  casRetries: number;
  /** Deliveries whose lease another worker had taken over by the time they finished. */
  leasesLost: number;
}

const stats = new WeakMap<Engine, WorkerStats>();

export function workerStats(engine: Engine): WorkerStats {
  let s = stats.get(engine);
  if (!s) {
    s = { claims: { timers: 0, outbox: 0 }, reclaims: { timers: 0, outbox: 0 }, casRetries: 0, leasesLost: 0 };
    stats.set(engine, s);
  }
  return s;
}
