/**
 * Load-insensitive costs of one event: CPU µs (process.cpuUsage, user + system, of this process)
 * and WAL frames written. Wall-clock throughput moves with every other process on the machine;
 * these two move only when the code does.
 *
 * Frames are counted from the WAL file's growth with automatic checkpoints off for the run (a
 * checkpoint would rewind the WAL): bytes / (page_size + 24-byte frame header).
 */
import { statSync } from 'node:fs';
import { sql } from 'kysely';
import type { BareStore } from './floor.js';
import { runEngine, type EngineBench } from './engine.js';

export interface EventCost {
  events: number;
  /** User + system CPU of the whole process (GC threads included) per event. */
  cpuUsPerEvent: number;
  /** User CPU only: the JavaScript and SQLite work, without the kernel's share of writes and fsyncs. */
  userUsPerEvent: number;
  framesPerEvent: number;
}

const walSize = (file: string): number => {
  try {
    return statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
};

const cpuUs = (): { user: number; all: number } => {
  const u = process.cpuUsage();
  return { user: u.user, all: u.user + u.system };
};

/** Dispatch `events` events (round-robin over the pool, `inFlight` at once) and measure their cost. */
export async function engineCost(b: EngineBench, file: string, events: number, inFlight = 1): Promise<EventCost> {
  const db = b.engine.store.db;
  await sql`pragma wal_checkpoint(truncate)`.execute(db);
  await sql`pragma wal_autocheckpoint = 0`.execute(db);
  try {
    const pageSize = Number((await sql<{ page_size: number }>`pragma page_size`.execute(db)).rows[0]?.page_size);
    const wal0 = walSize(file);
    const cpu0 = cpuUs();
    const r = await runEngine(b, Infinity, inFlight, events);
    const cpu1 = cpuUs();
    const frames = (walSize(file) - wal0) / (pageSize + 24);
    return { events: r.events, cpuUsPerEvent: (cpu1.all - cpu0.all) / r.events, userUsPerEvent: (cpu1.user - cpu0.user) / r.events, framesPerEvent: frames / r.events };
  } finally {
    await sql`pragma wal_autocheckpoint = 8000`.execute(db);
    await sql`pragma wal_checkpoint(truncate)`.execute(db);
  }
}

/** The same two costs for the bare floor: one UPDATE + one INSERT per commit. */
export function floorCost(store: BareStore, file: string, events: number): EventCost {
  store.db.pragma('wal_checkpoint(truncate)');
  store.db.pragma('wal_autocheckpoint = 0');
  const pageSize = Number(store.db.pragma('page_size', { simple: true }));
  const payload = JSON.stringify({ reason: 'the customer called again' });
  const wal0 = walSize(file);
  const cpu0 = cpuUs();
  for (let i = 0; i < events; i++) store.apply(store.ids[i % store.ids.length] as string, 'ESCALATE', payload);
  const cpu1 = cpuUs();
  const frames = (walSize(file) - wal0) / (pageSize + 24);
  store.db.pragma('wal_autocheckpoint = 1000');
  return { events, cpuUsPerEvent: (cpu1.all - cpu0.all) / events, userUsPerEvent: (cpu1.user - cpu0.user) / events, framesPerEvent: frames / events };
}
