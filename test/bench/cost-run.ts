/**
 * CPU µs and WAL frames per event, on their own (no throughput rounds):
 *   npx tsx test/bench/cost-run.ts [events=2000] [pool=300]
 * With a CPU profile of the one-at-a-time dispatches only (open it in Chrome DevTools):
 *   PROFILE=.tmp/dispatch.cpuprofile npx tsx test/bench/cost-run.ts
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { engineCost, floorCost } from './cost.js';
import { closeEngine, runEngine, setupEngine } from './engine.js';
import { openBare } from './floor.js';
import { benchDir, dropDir } from './util.js';

const events = Number(process.argv[2] ?? 2000);
const pool = Number(process.argv[3] ?? 300);

const b = await setupEngine(pool);
try {
  await runEngine(b, Infinity, 1, 500); // warm-up: JIT, page cache
  const file = path.join(b.dir, 'engine.sqlite');
  const session = process.env.PROFILE ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
  }
  const one = await engineCost(b, file, events, 1);
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(process.env.PROFILE as string, JSON.stringify(profile));
    session.disconnect();
  }
  const many = await engineCost(b, file, events, 32);
  const dir = benchDir('floor-cost');
  const bare = openBare(path.join(dir, 'floor.sqlite'), pool, b.snapshotJson);
  floorCost(bare, path.join(dir, 'floor.sqlite'), 200);
  const floor = floorCost(bare, path.join(dir, 'floor.sqlite'), events);
  bare.close();
  dropDir(dir);
  const f = (c: { cpuUsPerEvent: number; userUsPerEvent: number; framesPerEvent: number }) =>
    `${c.cpuUsPerEvent.toFixed(0)} µs CPU (user ${c.userUsPerEvent.toFixed(0)}), ${c.framesPerEvent.toFixed(2)} frames`;
  process.stdout.write(`engine, one at a time: ${f(one)}\nengine, 32 in flight:  ${f(many)}\nbare floor:            ${f(floor)}\n`);
} finally {
  await closeEngine(b);
}
