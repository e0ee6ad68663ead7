/**
 * Engine throughput: events through `dispatch` (zod → enrich → XState transition → snapshot CAS →
 * journal → effects → timers), each its own commit with synchronous=FULL, one after another.
 * A pool of cases is walked through the real steps, with ESCALATE (allowed in every open state)
 * between them, so the mix has both state changes (timers re-planned, messages, ledger rows) and
 * steady-state events.
 */
import path from 'node:path';
import { dispatch } from '../../src/engine/dispatch.js';
import type { Engine } from '../../src/engine/engine.js';
import { openCase } from '../../src/engine/open-case.js';
import { createEngine } from '../../src/server.js';
import { startCheckpointer, type Checkpointer } from '../../src/store/checkpointer.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { addUser, customer, rub, type TestUser } from '../helpers.js';
import { benchConfig, benchDir, dropDir, now } from './util.js';

/** The next event for a case in `state`; every other event is an ESCALATE. */
export function nextEvent(state: string, turn: number): Record<string, unknown> {
  if (turn % 2 === 1) return { type: 'ESCALATE', reason: 'the customer wrote again and is still waiting' };
  switch (state) {
    case 'apologize':
      return { type: 'APOLOGIZE', channel: 'phone', text: 'We are sorry: the cleaner was late and that is our fault.' };
    case 'explain':
      return {
        type: 'EXPLAIN',
        cause: 'The schedule put two jobs too close together.',
        prevention: 'We now leave an hour between jobs in the same district.',
        text: 'Here is what happened and what we changed.',
      };
    case 'compensate.choosing':
      return { type: 'OFFER', kind: 'credit', value: { minor: 50_000, currency: 'RUB' }, note: 'credit to the account' };
    case 'compensate.offered':
      return { type: 'CUSTOMER_ACCEPTED' };
    case 'compensate.accepted':
      return { type: 'ISSUE' };
    case 'compensate.awaitingApproval':
      return { type: 'SKIP_COMPENSATION', reason: 'the customer asked for no compensation' };
    case 'followUp':
      return { type: 'FOLLOW_UP', text: 'Is everything fine now?', rating: 'good' };
    case 'resolved':
      return { type: 'REOPEN', reason: 'the customer wrote back' };
    default:
      return { type: 'ESCALATE', reason: `unexpected state ${state}` };
  }
}

export interface EngineBench {
  engine: Engine;
  user: TestUser;
  cases: Array<{ id: string; state: string; turn: number }>;
  snapshotJson: string;
  dir: string;
  /** WAL checkpoints on their own thread, as `start()` runs the server (off where WAL frames are counted). */
  checkpointer: Checkpointer | undefined;
}

export async function setupEngine(pool: number, opts: { checkpointThread?: boolean } = {}): Promise<EngineBench> {
  const dir = benchDir('engine');
  const config = benchConfig(path.join(dir, 'engine.sqlite'));
  const engine = await createEngine(config);
  await migrateToLatest(engine.store.db);
  const checkpointer = opts.checkpointThread ? startCheckpointer(config.databaseUrl) : undefined;
  const user = await addUser(engine, 'Bench Handler', 'handler', rub(10_000_000));
  const cases: EngineBench['cases'] = [];
  let snapshotJson = '';
  for (let i = 0; i < pool; i++) {
    const { record } = await openCase(
      engine,
      { customer: customer({ id: `cust-${i}` }) as never, channel: 'phone', description: 'Опоздали на два часа', scenario: 'late-arrival' },
      user.actor,
    );
    cases.push({ id: record.id, state: record.state, turn: 0 });
    snapshotJson = JSON.stringify(record.snapshot);
  }
  return { engine, user, cases, snapshotJson, dir, checkpointer };
}

export interface EngineResult {
  events: number;
  seconds: number;
  perSec: number;
  rejected: number;
  byType: Record<string, number>;
}

/**
 * Dispatch events for `durationMs`, round-robin over the pool. With `inFlight` = 1 each dispatch is
 * awaited before the next, so each is its own commit; with more, that many loops run at once, each
 * over its own share of the cases (no two loops touch one case), as concurrent requests would.
 * `maxEvents` stops earlier, after that many dispatches (cost measures count events, not time).
 */
export async function runEngine(b: EngineBench, durationMs: number, inFlight = 1, maxEvents = Infinity): Promise<EngineResult> {
  const byType: Record<string, number> = {};
  let events = 0;
  let rejected = 0;
  const t0 = now();
  let t = t0;
  const loop = async (lane: number) => {
    const mine = b.cases.filter((_, k) => k % inFlight === lane);
    let i = 0;
    while (now() - t0 < durationMs && events + rejected < maxEvents) {
      const c = mine[i++ % mine.length] as EngineBench['cases'][number];
      const event = nextEvent(c.state, c.turn++);
      try {
        const result = await dispatch(b.engine, c.id, event, b.user.actor);
        if (result) c.state = result.record.state;
        events++;
        byType[event.type as string] = (byType[event.type as string] ?? 0) + 1;
      } catch (err) {
        rejected++;
        if (rejected > 50) throw err;
      }
    }
    t = Math.max(t, now());
  };
  await Promise.all(Array.from({ length: inFlight }, (_, lane) => loop(lane)));
  const seconds = (t - t0) / 1000;
  return { events, seconds, perSec: events / seconds, rejected, byType };
}

export async function closeEngine(b: EngineBench): Promise<void> {
  await b.checkpointer?.stop();
  await b.engine.store.close();
  dropDir(b.dir);
}
