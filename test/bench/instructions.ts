/**
 * Instructions per event, the one cost measure other processes cannot disturb (wall time and even
 * CPU time grow on a busy machine). Run under callgrind, which this script switches on only around
 * the measured dispatches:
 *   valgrind --tool=callgrind --instr-atstart=no --separate-threads=yes --callgrind-out-file=.tmp/cg.out \
 *     node --import tsx test/bench/instructions.ts [events=300] [inFlight=1] [warmup=1000]
 *   then: callgrind_annotate .tmp/cg.out-01 | head   (the main thread's Ir ÷ events; the other
 *   threads are V8's optimising compiler and concurrent GC, which warm-up length moves)
 * Slow (valgrind runs node ~50× slower): keep the numbers small.
 */
import { execFileSync } from 'node:child_process';
import { closeEngine, runEngine, setupEngine } from './engine.js';

const events = Number(process.argv[2] ?? 300);
const inFlight = Number(process.argv[3] ?? 1);
const warmup = Number(process.argv[4] ?? 1000);
const b = await setupEngine(60);
try {
  await runEngine(b, Infinity, inFlight, warmup); // warm-up: JIT
  execFileSync('callgrind_control', ['-i', 'on', String(process.pid)]);
  const r = await runEngine(b, Infinity, inFlight, events);
  execFileSync('callgrind_control', ['-i', 'off', String(process.pid)]);
  process.stdout.write(`measured ${r.events} events (${r.rejected} rejected), ${inFlight} in flight\n`);
} finally {
  await closeEngine(b);
}
