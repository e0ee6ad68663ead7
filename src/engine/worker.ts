import type { Deliver } from '../alerts/deliver.js';
import { AppError } from '../domain/errors.js';
import { SYSTEM } from '../domain/roles.js';
import type { Logger } from '../log.js';
import { inTransaction } from '../store/db.js';
import { duePending, markAttemptFailed, markDelivered } from '../store/outbox.js';
import { dueTimers, markFired } from '../store/timers.js';
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
const MAX_ATTEMPTS = 12;

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

function backoff(attempts: number, now: Date): string {
  const ms = Math.min(1000 * 2 ** attempts, 3_600_000);
  return new Date(now.getTime() + ms).toISOString();
}

/** Deliver pending outbox messages, at least once each; failures retry with exponential backoff. */
export async function deliverOutbox(engine: Engine, deliver: Deliver, log?: Logger): Promise<number> {
  let delivered = 0;
  const due = await duePending(engine.store, nowIso(engine), BATCH);
  await inSlices(due, 8, async (message) => {
    try {
      const result = await deliver(message);
      if (result.status === 'delivered') {
        await inTransaction(engine.store, (trx) => markDelivered(trx, message.id, nowIso(engine)));
        delivered++;
      } else {
        await inTransaction(engine.store, (trx) => markAttemptFailed(trx, message.id, result.why, nowIso(engine), false, 'held'));
      }
    } catch (err) {
      const giveUp = message.attempts + 1 >= MAX_ATTEMPTS;
      const why = String(err instanceof Error ? err.message : err);
      await inTransaction(engine.store, (trx) => markAttemptFailed(trx, message.id, why, backoff(message.attempts, engine.clock()), giveUp));
      log?.warn({ outbox: message.id, attempts: message.attempts + 1, giveUp, err: String(err) }, 'delivery failed');
    }
  });
  return delivered;
}

export interface Worker {
  /** Run one sweep now: timers, then the outbox. */
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
