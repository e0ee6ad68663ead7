/**
 * Where the WAL frames of opening a case go (the sibling of wal-pages.ts, which measures events):
 * opens cases through `openCase` with automatic checkpoints off, then names the B-tree (table or
 * index) of every page in the WAL from SQLite's dbstat table. Prints frames per opened case for each.
 * With more in flight, opens share group commits and so pages: that is the HTTP bench's case.
 *   npx tsx test/bench/wal-pages-open.ts [opens=1000] [existing=5000] [inFlight=1]
 */
import path from 'node:path';
import { openCase } from '../../src/engine/open-case.js';
import type { OpenCaseInput } from '../../src/domain/case.js';
import { closeEngine, setupEngine } from './engine.js';
import { OPEN_CASE_BODY } from './http.js';
import { framesByTree, framesSince, markWal } from './wal-frames.js';

const opens = Number(process.argv[2] ?? 1000);
const existing = Number(process.argv[3] ?? 5000);
const inFlight = Number(process.argv[4] ?? 1);

const b = await setupEngine(1);
const file = path.join(b.dir, 'engine.sqlite');
// The HTTP bench's request: the classifier chooses the playbook.
const input = JSON.parse(OPEN_CASE_BODY) as OpenCaseInput;
const open = async (n: number) => {
  let left = n;
  await Promise.all(Array.from({ length: inFlight }, async () => { while (left-- > 0) await openCase(b.engine, input, b.user.actor); }));
};
try {
  await open(existing); // the tables and indexes the measured opens land in
  const mark = await markWal(b.engine.store.db, file);
  await open(opens);
  const { pages, commits } = framesSince(mark);
  const byTree = framesByTree(file, pages);
  process.stdout.write(`${opens} cases opened (${existing} before), ${inFlight} in flight, ${commits} commits, ${pages.length} frames: ${(pages.length / opens).toFixed(2)} per open\n`);
  for (const [name, n] of byTree) process.stdout.write(`  ${(n / opens).toFixed(2).padStart(6)}  ${name}\n`);
} finally {
  await closeEngine(b);
}
