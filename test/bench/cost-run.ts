/**
 * CPU µs and WAL frames per event, on their own (no throughput rounds), alternating engine and floor
 * rounds and keeping each one's least CPU (other processes only ever add to it):
 *   npx tsx test/bench/cost-run.ts [events=1000] [rounds=3] [pool=300]
 * With a CPU profile of the first one-at-a-time round (open it in Chrome DevTools):
 *   PROFILE=.tmp/dispatch.cpuprofile npx tsx test/bench/cost-run.ts
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { engineCost, floorCost, type EventCost } from './cost.js';
import { closeEngine, runEngine, setupEngine } from './engine.js';
import { openBare } from './floor.js';
import { benchDir, dropDir } from './util.js';

const events = Number(process.argv[2] ?? 1000);
const rounds = Number(process.argv[3] ?? 3);
const pool = Number(process.argv[4] ?? 300);

async function profiled<T>(run: () => Promise<T>): Promise<T> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(process.env.PROFILE as string, JSON.stringify(profile));
    session.disconnect();
  }
}

const least = (xs: EventCost[]): EventCost => xs.reduce((a, b) => (b.cpuUsPerEvent < a.cpuUsPerEvent ? b : a));

const b = await setupEngine(pool);
const dir = benchDir('floor-cost');
const floorFile = path.join(dir, 'floor.sqlite');
const bare = openBare(floorFile, pool, b.snapshotJson);
try {
  await runEngine(b, Infinity, 1, 500); // warm-up: JIT, page cache
  floorCost(bare, floorFile, 300);
  const file = path.join(b.dir, 'engine.sqlite');
  const one: EventCost[] = [];
  const many: EventCost[] = [];
  const floor: EventCost[] = [];
  for (let r = 0; r < rounds; r++) {
    const measure = () => engineCost(b, file, events, 1);
    one.push(await (r === 0 && process.env.PROFILE ? profiled(measure) : measure()));
    floor.push(floorCost(bare, floorFile, events));
    many.push(await engineCost(b, file, events, 32));
  }
  const f = (c: EventCost) => `${c.cpuUsPerEvent.toFixed(0).padStart(5)} µs CPU (user ${c.userUsPerEvent.toFixed(0).padStart(4)}), ${c.framesPerEvent.toFixed(2)} frames`;
  const fl = least(floor);
  process.stdout.write(
    `engine, one at a time: ${f(least(one))}, ${(least(one).cpuUsPerEvent / fl.cpuUsPerEvent).toFixed(1)}× floor CPU\n` +
      `engine, 32 in flight:  ${f(least(many))}, ${(least(many).cpuUsPerEvent / fl.cpuUsPerEvent).toFixed(1)}× floor CPU\n` +
      `bare floor:            ${f(fl)}\n` +
      `all rounds (µs CPU): one ${one.map((c) => c.cpuUsPerEvent.toFixed(0)).join(' ')}; 32 ${many.map((c) => c.cpuUsPerEvent.toFixed(0)).join(' ')}; floor ${floor.map((c) => c.cpuUsPerEvent.toFixed(0)).join(' ')}\n`,
  );
} finally {
  bare.close();
  dropDir(dir);
  await closeEngine(b);
}
