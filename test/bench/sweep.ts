/**
 * Deadline sweep: the time for `fireDueTimers` (src/engine/worker.ts) to fire the due timers of a
 * database, with the same number due among few open cases and among very many. Each fire is a real
 * dispatch of DEADLINE_MISSED with its own commit; the cost must follow what is due, not what exists.
 */
import { sql } from 'kysely';
import type { Engine } from '../../src/engine/engine.js';
import { fireDueTimers } from '../../src/engine/worker.js';
import { createEngine } from '../../src/server.js';
import { benchConfig, now } from './util.js';

export interface SweepResult {
  fired: number;
  ms: number;
  perSec: number;
  /** The plan SQLite uses for the due-timers query (it must use the partial index). */
  plan: string;
  /** Pending timers left afterwards (those not yet due). */
  pendingLeft: number;
}

export async function sweep(file: string, clock: () => Date): Promise<SweepResult> {
  const engine: Engine = await createEngine(benchConfig(file), clock);
  try {
    const plan = await sql<{ detail: string }>`explain query plan select * from timers where status = ${'pending'} and due_at <= ${clock().toISOString()} order by due_at limit 500`.execute(engine.store.db);
    const t0 = now();
    const fired = await fireDueTimers(engine);
    const ms = now() - t0;
    const left = await sql<{ n: number }>`select count(*) as n from timers where status = 'pending'`.execute(engine.store.db);
    return { fired, ms, perSec: (fired / ms) * 1000, plan: plan.rows.map((r) => r.detail).join('; '), pendingLeft: Number(left.rows[0]?.n ?? 0) };
  } finally {
    await engine.store.close();
  }
}
