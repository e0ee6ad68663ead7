import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { RetryLater, type Deliver } from '../alerts/deliver.js';
import { AppError } from '../domain/errors.js';
import { SYSTEM } from '../domain/roles.js';
import type { Logger } from '../log.js';
import { inTransaction } from '../store/db.js';
import type { Lease } from '../store/lease.js';
import { claimDuePending, markAttemptFailed, markDelivered, postpone, renewLease, type OutboxMessage } from '../store/outbox.js';
import { claimDueTimers, markFired, releaseTimer } from '../store/timers.js';
import { assignWaiting } from './assign-waiting.js';
import { dispatch } from './dispatch.js';
import { nowIso, type Engine } from './engine.js';
import { workerStats } from './worker-stats.js';

const BATCH = 500;
const PARALLEL = 32;

/** How long a claim holds its rows unless the configuration says otherwise (AMENDS_LEASE_MS). */
export const DEFAULT_LEASE_MS = 60_000;

/** This process's name in `leased_by`: host, pid and a random part (a restarted pid is someone else). */
const PROCESS_WORKER = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

export interface LeaseOptions {
  /** Who holds the leases; one per worker. Defaults to this process. */
  workerId?: string | undefined;
  /** How long a claim holds its rows before another worker may take them. */
  leaseMs?: number | undefined;
}

function leaseFor(engine: Engine, opts: LeaseOptions): Lease {
  const ms = opts.leaseMs ?? DEFAULT_LEASE_MS;
  return { by: opts.workerId ?? PROCESS_WORKER, until: new Date(engine.clock().getTime() + ms).toISOString() };
}

/**
 * Run `fn` over `items`, `size` at a time. better-sqlite3 is synchronous, so awaiting it never yields to
 * the event loop: give HTTP requests a turn between slices.
 */
async function inSlices<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) {
    await Promise.all(items.slice(i, i + size).map(fn));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Fire every due timer through dispatch, as the system. Returns how many fired.
 *
 * Timers are claimed a batch at a time with a lease (in a transaction of their own), then fired after
 * that commit, each in its event's transaction, which also marks it fired: a timer fires once however
 * many workers run, and one whose worker died is claimed again when the lease expires.
 */
export async function fireDueTimers(engine: Engine, log?: Logger, opts: LeaseOptions = {}): Promise<number> {
  const stats = workerStats(engine);
  let fired = 0;
  for (;;) {
    const now = nowIso(engine);
    const lease = leaseFor(engine, opts);
    const { timers: due, reclaimed } = await inTransaction(engine.store, (trx) => claimDueTimers(trx, engine.store.dialect, now, BATCH, lease));
    stats.claims.timers += due.length;
    stats.reclaims.timers += reclaimed;
    if (reclaimed > 0) log?.warn({ reclaimed }, 'timers claimed again after their lease expired');
    // Fired in parallel slices, so that group commit lets one fsync carry many of them.
    await inSlices(due, PARALLEL, async (timer) => {
      try {
        if (await dispatch(engine, timer.caseId, timer.event, SYSTEM, { timerId: timer.id })) fired++;
      } catch (err) {
        if (err instanceof AppError && err.kind === 'eventNotAllowed') {
          // The case has moved on where this deadline no longer applies: retire the timer.
          await inTransaction(engine.store, (trx) => markFired(trx, timer.id, nowIso(engine), 'void'));
          log?.warn({ timer: timer.id, err: err.message }, 'timer retired without effect');
        } else {
          // Anything else (a compare-and-swap lost again and again, a playbook missing after a deploy,
          // the database away) may pass: the timer stays due and is tried again once its lease ends,
          // and this sweep does not claim it again.
          await inTransaction(engine.store, (trx) => releaseTimer(trx, timer.id, lease, lease.until)).catch(() => undefined);
          log?.error({ timer: timer.id, err }, 'timer failed; will retry');
        }
      }
    });
    if (due.length < BATCH) return fired;
  }
}

/**
 * Exponential backoff with full jitter between half and all of the step, capped at an hour: many
 * messages failing together (a Slack outage) do not all come back in the same second.
 */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const step = Math.min(1000 * 2 ** attempts, 3_600_000);
  return Math.round(step / 2 + (random() * step) / 2);
}

/** With the backoff capped at an hour, about two days of outage before a message is parked as failed. */
const MAX_ATTEMPTS = 60;

/** Per engine and topic: the far end asked us to wait until then (engine clock, ISO). */
const pausedUntil = new WeakMap<Engine, Map<string, string>>();

/** Slack takes one message at a time (about one a second); the other webhooks take several at once. */
const CONCURRENCY: Record<string, number> = { slack: 1 };

/**
 * Deliver pending outbox messages, at least once each. Topics go side by side; within a topic,
 * messages go in small slices (Slack's one by one, paced per webhook by the deliverer). A 429 (or
 * 503 with Retry-After) pauses its topic until the time asked; other failures retry with exponential
 * backoff and jitter. After a failure the rest of the topic's batch waits as long, so a backlog behind
 * a webhook that is down neither spends a request each nor fills the next batches ahead of other topics.
 */
export async function deliverOutbox(engine: Engine, deliver: Deliver, log?: Logger, opts: LeaseOptions = {}): Promise<number> {
  const stats = workerStats(engine);
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  let lease = leaseFor(engine, opts);
  const by = lease.by;
  let delivered = 0;
  const claimed = await inTransaction(engine.store, (trx) => claimDuePending(trx, engine.store.dialect, nowIso(engine), BATCH, lease));
  stats.claims.outbox += claimed.messages.length;
  stats.reclaims.outbox += claimed.reclaimed;
  if (claimed.reclaimed > 0) log?.warn({ reclaimed: claimed.reclaimed }, 'outbox messages claimed again after their lease expired');
  let pauses = pausedUntil.get(engine);
  if (!pauses) pausedUntil.set(engine, (pauses = new Map()));
  const paused = pauses;
  const byTopic = new Map<string, OutboxMessage[]>();
  for (const m of claimed.messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);

  /**
   * The ids of `ids` this worker may still send. A claim holds its batch for the lease; once half of it
   * has passed (Slack takes one message a second), the rest of the batch is renewed first, and a
   * message another worker took over meanwhile is left to that worker.
   */
  let renewedAt = engine.clock().getTime();
  const stillOurs = async (ids: string[]): Promise<Set<string>> => {
    if (engine.clock().getTime() - renewedAt < leaseMs / 2) return new Set(ids);
    renewedAt = engine.clock().getTime();
    lease = leaseFor(engine, opts);
    const rest = [...byTopic.values()].flat().map((m) => m.id);
    const held = new Set(await inTransaction(engine.store, (trx) => renewLease(trx, rest, lease)));
    return new Set(ids.filter((id) => held.has(id)));
  };

  /** Deliver one message; the time the topic must wait until, when it failed. */
  const attempt = async (message: OutboxMessage): Promise<string | undefined> => {
    try {
      const result = await deliver(message);
      if (result.status === 'delivered') {
        if (await inTransaction(engine.store, (trx) => markDelivered(trx, message.id, nowIso(engine), by))) {
          delivered++;
        } else {
          stats.leasesLost++;
          log?.warn({ outbox: message.id }, 'delivered after the lease was lost; the receiver deduplicates on the id');
        }
      } else {
        await inTransaction(engine.store, (trx) => markAttemptFailed(trx, message.id, by, result.why, nowIso(engine), false, 'held'));
      }
      return undefined;
    } catch (err) {
      const why = String(err instanceof Error ? err.message : err);
      const at = engine.clock().getTime();
      if (err instanceof RetryLater) {
        const next = new Date(at + err.afterMs).toISOString();
        paused.set(message.topic, next);
        await inTransaction(engine.store, (trx) => markAttemptFailed(trx, message.id, by, why, next, false));
        log?.warn({ outbox: message.id, retryAfterMs: err.afterMs }, 'delivery asked to wait');
        return next;
      }
      const giveUp = message.attempts + 1 >= MAX_ATTEMPTS;
      const next = new Date(at + backoffMs(message.attempts)).toISOString();
      await inTransaction(engine.store, (trx) => markAttemptFailed(trx, message.id, by, why, next, giveUp));
      log?.warn({ outbox: message.id, attempts: message.attempts + 1, giveUp, err: why }, 'delivery failed');
      return next;
    }
  };

  await Promise.all(
    [...byTopic.entries()].map(async ([topic, messages]) => {
      const size = CONCURRENCY[topic] ?? 8;
      // What this topic has not sent yet, and gives back (unleased) when it stops early.
      const giveBack = async (from: number, until: string) => {
        const rest = messages.slice(from).map((m) => m.id);
        byTopic.set(topic, []);
        await inTransaction(engine.store, (trx) => postpone(trx, rest, until, by));
      };
      for (let i = 0; i < messages.length; i += size) {
        const until = paused.get(topic);
        if (until && until > nowIso(engine)) return giveBack(i, until);
        byTopic.set(topic, messages.slice(i));
        const slice = messages.slice(i, i + size);
        const ours = await stillOurs(slice.map((m) => m.id));
        const waits = (await Promise.all(slice.filter((m) => ours.has(m.id)).map(attempt))).filter((w): w is string => w !== undefined);
        if (waits.length > 0) return giveBack(i + size, waits.sort()[0] as string);
      }
      byTopic.set(topic, []);
    }),
  );
  return delivered;
}

export interface Worker {
  /** Run one sweep now: timers, cases waiting for an owner, then the outbox. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

/** The worker loop: one sweep at start (timers that came due while the process was down), then every interval. */
export function startWorker(engine: Engine, deliver: Deliver, intervalMs: number, log?: Logger, opts: LeaseOptions = {}): Worker {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = running.then(async () => {
      try {
        await fireDueTimers(engine, log, opts);
        await assignWaiting(engine, log);
        await deliverOutbox(engine, deliver, log, opts);
      } catch (err) {
        log?.error({ err }, 'worker sweep failed');
      }
    });
    return running;
  };
  const loop = () => {
    if (stopped) return;
    void tick().then(() => {
      if (!stopped) timer = setTimeout(loop, intervalMs);
    });
  };
  loop();
  return {
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
