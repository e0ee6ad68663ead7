import { RetryLater, type Deliver } from '../alerts/deliver.js';
import { AppError } from '../domain/errors.js';
import { SYSTEM } from '../domain/roles.js';
import type { Logger } from '../log.js';
import { inTransaction } from '../store/db.js';
import { duePending, markAttemptFailed, markDelivered, postpone } from '../store/outbox.js';
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
        if (err instanceof AppError) {
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

/**
 * Deliver pending outbox messages, at least once each. Messages of one topic go one after another
 * (the deliverer paces them per webhook); topics go side by side. A 429 (or 503 with Retry-After)
 * pauses its topic until the time asked; other failures retry with exponential backoff and jitter.
 */
export async function deliverOutbox(engine: Engine, deliver: Deliver, log?: Logger): Promise<number> {
  let delivered = 0;
  const now = nowIso(engine);
  const due = await duePending(engine.store, now, BATCH);
  let paused = pausedUntil.get(engine);
  if (!paused) pausedUntil.set(engine, (paused = new Map()));
  const byTopic = new Map<string, typeof due>();
  for (const m of due) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
  const pauses = paused;
  await Promise.all(
    [...byTopic.entries()].map(async ([topic, messages]) => {
      for (const [i, message] of messages.entries()) {
        const until = pauses.get(topic);
        if (until && until > nowIso(engine)) return;
        // The rest of this topic waits as long as this message does, so a backlog behind a webhook
        // that is down never fills the next batches and holds up the other topics.
        const holdRest = (next: string) => inTransaction(engine.store, (trx) => postpone(trx, messages.slice(i + 1).map((m) => m.id), next));
        try {
          const result = await deliver(message);
          if (result.status === 'delivered') {
            await inTransaction(engine.store, (trx) => markDelivered(trx, message.id, nowIso(engine)));
            delivered++;
          } else {
            await inTransaction(engine.store, (trx) => markAttemptFailed(trx, message.id, result.why, nowIso(engine), false, 'held'));
          }
        } catch (err) {
          const why = String(err instanceof Error ? err.message : err);
          const at = engine.clock().getTime();
          if (err instanceof RetryLater) {
            const next = new Date(at + err.afterMs).toISOString();
            pauses.set(topic, next);
            await inTransaction(engine.store, (trx) => markAttemptFailed(trx, message.id, why, next, false));
            await holdRest(next);
            log?.warn({ outbox: message.id, retryAfterMs: err.afterMs }, 'delivery asked to wait');
            return;
          }
          const giveUp = message.attempts + 1 >= MAX_ATTEMPTS;
          const next = new Date(at + backoffMs(message.attempts)).toISOString();
          await inTransaction(engine.store, (trx) => markAttemptFailed(trx, message.id, why, next, giveUp));
          await holdRest(next);
          log?.warn({ outbox: message.id, attempts: message.attempts + 1, giveUp, err: why }, 'delivery failed');
          // The far end is likely down: the rest of this topic waits too, instead of each spending a
          // paced request on it.
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
