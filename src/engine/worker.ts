import { RetryLater, type Deliver } from '../alerts/deliver.js';
import { AppError } from '../domain/errors.js';
import { SYSTEM } from '../domain/roles.js';
import type { Logger } from '../log.js';
import { inTransaction } from '../store/db.js';
import { duePending, markAttemptFailed, markDelivered, postpone, type OutboxMessage } from '../store/outbox.js';
import { dueTimers, markFired } from '../store/timers.js';
import { assignWaiting } from './assign-waiting.js';
import { dispatch } from './dispatch.js';
import { nowIso, type Engine } from './engine.js';

const BATCH = 500;
const PARALLEL = 32;

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

/** Fire every due timer through dispatch, as the system. Returns how many fired. */
export async function fireDueTimers(engine: Engine, log?: Logger): Promise<number> {
  let fired = 0;
  // Page past what this sweep has seen: a timer that keeps failing is retried next sweep, and can
  // never make this loop spin on the same batch.
  let after: { dueAt: string; id: string } | undefined;
  for (;;) {
    const due = await dueTimers(engine.store, nowIso(engine), BATCH, after);
    const last = due.at(-1);
    if (last) after = { dueAt: last.dueAt, id: last.id };
    // Fired in parallel slices, so that group commit lets one fsync carry many of them.
    await inSlices(due, PARALLEL, async (timer) => {
      try {
        if (await dispatch(engine, timer.caseId, timer.event, SYSTEM, { timerId: timer.id })) fired++;
      } catch (err) {
        // The case moved on in a way the plan did not foresee: retire the timer rather than retry forever.
        // A lost compare-and-swap (conflict) is no such case: the timer stays and fires next sweep.
        if (err instanceof AppError && err.kind !== 'conflict') {
          await inTransaction(engine.store, (trx) => markFired(trx, timer.id, nowIso(engine), 'void'));
          log?.warn({ timer: timer.id, err: err.message }, 'timer retired without effect');
        } else {
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
export async function deliverOutbox(engine: Engine, deliver: Deliver, log?: Logger): Promise<number> {
  let delivered = 0;
  const due = await duePending(engine.store, nowIso(engine), BATCH);
  let pauses = pausedUntil.get(engine);
  if (!pauses) pausedUntil.set(engine, (pauses = new Map()));
  const paused = pauses;
  const byTopic = new Map<string, OutboxMessage[]>();
  for (const m of due) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);

  /** Deliver one message; the time the topic must wait until, when it failed. */
  const attempt = async (message: OutboxMessage): Promise<string | undefined> => {
    try {
      const result = await deliver(message);
      if (result.status === 'delivered') {
        await inTransaction(engine.store, (trx) => markDelivered(trx, message.id, nowIso(engine)));
        delivered++;
      } else {
        await inTransaction(engine.store, (trx) => markAttemptFailed(trx, message.id, result.why, nowIso(engine), false, 'held'));
      }
      return undefined;
    } catch (err) {
      const why = String(err instanceof Error ? err.message : err);
      const at = engine.clock().getTime();
      if (err instanceof RetryLater) {
        const next = new Date(at + err.afterMs).toISOString();
        paused.set(message.topic, next);
        await inTransaction(engine.store, (trx) => markAttemptFailed(trx, message.id, why, next, false));
        log?.warn({ outbox: message.id, retryAfterMs: err.afterMs }, 'delivery asked to wait');
        return next;
      }
      const giveUp = message.attempts + 1 >= MAX_ATTEMPTS;
      const next = new Date(at + backoffMs(message.attempts)).toISOString();
      await inTransaction(engine.store, (trx) => markAttemptFailed(trx, message.id, why, next, giveUp));
      log?.warn({ outbox: message.id, attempts: message.attempts + 1, giveUp, err: why }, 'delivery failed');
      return next;
    }
  };

  await Promise.all(
    [...byTopic.entries()].map(async ([topic, messages]) => {
      const size = CONCURRENCY[topic] ?? 8;
      for (let i = 0; i < messages.length; i += size) {
        const until = paused.get(topic);
        if (until && until > nowIso(engine)) return;
        const waits = (await Promise.all(messages.slice(i, i + size).map(attempt))).filter((w): w is string => w !== undefined);
        if (waits.length > 0) {
          const rest = messages.slice(i + size).map((m) => m.id);
          await inTransaction(engine.store, (trx) => postpone(trx, rest, waits.sort()[0] as string));
          return;
        }
      }
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
export function startWorker(engine: Engine, deliver: Deliver, intervalMs: number, log?: Logger): Worker {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = running.then(async () => {
      try {
        await fireDueTimers(engine, log);
        await assignWaiting(engine, log);
        await deliverOutbox(engine, deliver, log);
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
