/**
 * Where the WAL frames of an event go: dispatches events one at a time with automatic checkpoints
 * off, then reads the WAL's frame headers and names the B-tree (table or index) of every page
 * written, from SQLite's dbstat table. Prints frames per event for each B-tree.
 *   npx tsx test/bench/wal-pages.ts [events=1000] [pool=300] [inFlight=1]
 */
import path from 'node:path';
import { closeEngine, runEngine, setupEngine } from './engine.js';
import { framesByTree, framesSince, markWal } from './wal-frames.js';

const events = Number(process.argv[2] ?? 1000);
const pool = Number(process.argv[3] ?? 300);
const inFlight = Number(process.argv[4] ?? 1);

const b = await setupEngine(pool);
const file = path.join(b.dir, 'engine.sqlite');
try {
  await runEngine(b, Infinity, inFlight, 500); // warm-up
  const mark = await markWal(b.engine.store.db, file);
  const r = await runEngine(b, Infinity, inFlight, events);
  const { pages } = framesSince(mark);
  const byTree = framesByTree(file, pages);
  process.stdout.write(`${r.events} events, ${inFlight} in flight, ${pages.length} frames: ${(pages.length / r.events).toFixed(2)} per event\n`);
  for (const [name, n] of byTree) process.stdout.write(`  ${(n / r.events).toFixed(2).padStart(6)}  ${name}\n`);
  process.stdout.write(`by type: ${JSON.stringify(r.byType)}\n`);
} finally {
  await closeEngine(b);
}
