/**
 * HTTP measures with autocannon in this process against a server in a child process:
 *  - events: POST /api/v1/cases/:id/events (ESCALATE with a reason, always accepted on an open case),
 *    spread round-robin over many cases, vs a bare Express route doing the raw UPDATE + INSERT;
 *  - opening cases: POST /api/v1/cases at 8 and at 32 connections.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { customer } from '../helpers.js';
import type { ChildMemory, ChildReady } from './child.js';
import { benchDir, dropDir, log } from './util.js';
import { paced as pacedLoad } from './paced.js';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'child.ts');
const alive = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of alive) c.kill('SIGKILL');
});

export class ServerChild {
  private constructor(
    private readonly proc: ChildProcess,
    readonly ready: ChildReady,
  ) {}

  get pid(): number {
    return this.proc.pid as number;
  }

  static async start(env: { BENCH_MODE: 'amends' | 'bare'; BENCH_DB: string; BENCH_SETUP_CASES?: string; BENCH_HTTP_PROCESSES?: string }): Promise<ServerChild> {
    const proc = fork(CHILD, [], {
      // BENCH_CHILD_ARGS adds node flags to the server, e.g. "--cpu-prof --cpu-prof-dir=.tmp/prof".
      execArgv: ['--import', 'tsx', ...(process.env.BENCH_CHILD_ARGS?.split(' ').filter(Boolean) ?? [])],
      env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    alive.add(proc);
    proc.once('exit', () => alive.delete(proc));
    const ready = await new Promise<ChildReady>((resolve, reject) => {
      proc.once('exit', (code) => reject(new Error(`bench server (${env.BENCH_MODE}) exited with ${code} while starting`)));
      proc.on('message', (m: ChildReady | ChildMemory) => {
        if (m.type === 'ready') resolve(m);
      });
    });
    return new ServerChild(proc, ready);
  }

  /** The child's own process.memoryUsage(), asked over IPC. */
  memory(): Promise<ChildMemory> {
    return new Promise((resolve) => {
      const on = (m: ChildReady | ChildMemory) => {
        if (m.type !== 'rss') return;
        this.proc.off('message', on);
        resolve(m);
      };
      this.proc.on('message', on);
      this.proc.send({ type: 'rss' });
    });
  }

  async close(): Promise<void> {
    if (this.proc.exitCode !== null) return;
    const exited = new Promise((r) => this.proc.once('exit', r));
    this.proc.send({ type: 'close' });
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

export interface CannonResult {
  perSec: number;
  ok: number;
  non2xx: number;
  errors: number;
  p50: number;
  p99: number;
  mean: number;
  seconds: number;
}

export async function cannon(
  url: string,
  connections: number,
  seconds: number,
  req: { path: string | (() => string); body: string; token?: string | undefined; headers?: Record<string, string> },
): Promise<CannonResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...req.headers };
  if (req.token) headers.authorization = `Bearer ${req.token}`;
  const pathOf = req.path;
  const r = await autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        headers,
        body: req.body,
        setupRequest: (request) => ({ ...request, path: typeof pathOf === 'string' ? pathOf : pathOf() }),
      },
    ],
  });
  return {
    perSec: r['2xx'] / r.duration,
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    p50: r.latency.p50,
    p99: r.latency.p99,
    mean: r.latency.mean,
    seconds: r.duration,
  };
}

export const ESCALATE = JSON.stringify({ type: 'ESCALATE', reason: 'the customer wrote again and is still waiting' });

export function roundRobin(ids: string[]): () => string {
  let i = 0;
  return () => `/api/v1/cases/${ids[i++ % ids.length]}/events`;
}

/**
 * Row 2: the event endpoint of Amends vs the bare Express floor, same body, same connections: first
 * as fast as each answers (throughput, and the latency of a saturated server), then both paced at
 * the same rate, evenly spaced: `pacedShare` of what bare Express answered in this run, so the pace
 * stays well below saturation however busy the machine is (the latency of a busy, unsaturated server).
 */
export async function httpEvents(o: { pool: number; connections: number; seconds: number; warmup: number; pacedShare: number }) {
  const out: Record<'amends' | 'bare' | 'minimal' | 'amendsAtRate' | 'bareAtRate', CannonResult> & { commits: { groups: number; transactions: number }; rate: number } = {} as never;
  for (const mode of ['bare', 'amends'] as const) {
    const dir = benchDir(`http-${mode}`);
    log(`http events: starting ${mode} server with ${o.pool} cases`);
    const child = await ServerChild.start({ BENCH_MODE: mode, BENCH_DB: path.join(dir, `${mode}.sqlite`), BENCH_SETUP_CASES: String(o.pool) });
    try {
      const token = child.ready.handlerToken;
      const next = roundRobin(child.ready.caseIds);
      await cannon(child.ready.url, o.connections, o.warmup, { path: next, body: ESCALATE, token });
      const before = mode === 'amends' ? await commitCounts(child.ready.url) : undefined;
      out[mode] = await cannon(child.ready.url, o.connections, o.seconds, { path: next, body: ESCALATE, token });
      if (before) {
        const after = await commitCounts(child.ready.url);
        out.commits = { groups: after.groups - before.groups, transactions: after.transactions - before.transactions };
      }
      log(`http events ${mode}: ${Math.round(out[mode].perSec)}/s p99 ${out[mode].p99} ms non-2xx ${out[mode].non2xx}`);
      // Bare runs first: its rate sets the pace of both.
      if (mode === 'bare') out.rate = pacedRate(out.bare.perSec * o.pacedShare);
      const paced = await pacedLoad(child.ready.url, o.connections, o.seconds, out.rate, { path: next, body: ESCALATE, token });
      out[mode === 'bare' ? 'bareAtRate' : 'amendsAtRate'] = paced;
      log(`http events ${mode} at ${out.rate}/s: ${Math.round(paced.perSec)}/s p50 ${paced.p50.toFixed(1)} ms p99 ${paced.p99.toFixed(1)} ms non-2xx ${paced.non2xx}`);
      if (mode === 'amends') {
        // The same events answered with only { id, version, state } (Prefer: return=minimal), as the bare route answers.
        out.minimal = await cannon(child.ready.url, o.connections, o.seconds, { path: next, body: ESCALATE, token, headers: { prefer: 'return=minimal' } });
        log(`http events minimal: ${Math.round(out.minimal.perSec)}/s p99 ${out.minimal.p99} ms non-2xx ${out.minimal.non2xx}`);
      }
    } finally {
      await child.close();
      dropDir(dir);
    }
  }
  return out;
}

/** A round pace (a multiple of 50/s, at least 50/s) near `perSec`. */
export const pacedRate = (perSec: number): number => Math.max(50, Math.round(perSec / 50) * 50);

/** Commits and the transactions they carried, from the server's /metrics (group commit at work). */
async function commitCounts(url: string): Promise<{ groups: number; transactions: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  return { groups: value('amends_commit_groups_total'), transactions: value('amends_commit_group_size_sum') };
}

export const OPEN_CASE_BODY = JSON.stringify({
  customer: customer({ id: 'cust-bench', name: 'Анна Смирнова', email: 'anna@example.com' }),
  orderId: 'ord-77',
  channel: 'web',
  description: 'Клинер опоздал на два часа и не предупредил, пришлось отменить встречу',
});

/** Row 3: POST /api/v1/cases at each connection count, on one server; then paced at `rate` openings/s on the most connections. */
export async function httpOpenCases(o: { connections: number[]; seconds: number; warmup: number; rate: number }) {
  const dir = benchDir('http-open');
  const child = await ServerChild.start({ BENCH_MODE: 'amends', BENCH_DB: path.join(dir, 'open.sqlite'), BENCH_SETUP_CASES: '1' });
  const out: Record<number, CannonResult> & { atRate?: CannonResult } = {};
  try {
    const token = child.ready.handlerToken;
    await cannon(child.ready.url, 8, o.warmup, { path: '/api/v1/cases', body: OPEN_CASE_BODY, token });
    for (const c of o.connections) {
      out[c] = await cannon(child.ready.url, c, o.seconds, { path: '/api/v1/cases', body: OPEN_CASE_BODY, token });
      log(`open cases @${c}: ${Math.round(out[c].perSec)}/s p99 ${out[c].p99} ms non-2xx ${out[c].non2xx}`);
    }
    const most = Math.max(...o.connections);
    out.atRate = await pacedLoad(child.ready.url, most, o.seconds, o.rate, { path: () => '/api/v1/cases', body: OPEN_CASE_BODY, token });
    log(`open cases @${most} at ${o.rate}/s: ${Math.round(out.atRate.perSec)}/s p50 ${out.atRate.p50.toFixed(1)} ms p99 ${out.atRate.p99.toFixed(1)} ms non-2xx ${out.atRate.non2xx}`);
  } finally {
    await child.close();
    dropDir(dir);
  }
  return out;
}

/**
 * AMENDS_HTTP_PROCESSES=`fronts`: HTTP in that many processes in front of the writer. Events (full
 * answers) and openings at `connections`, to set beside the one-process rows of the same run.
 */
export async function httpSplit(o: { pool: number; fronts: number; connections: number; seconds: number; warmup: number }) {
  const dir = benchDir('http-split');
  log(`http split: starting the writer and ${o.fronts} HTTP process(es) with ${o.pool} cases`);
  const child = await ServerChild.start({ BENCH_MODE: 'amends', BENCH_DB: path.join(dir, 'split.sqlite'), BENCH_SETUP_CASES: String(o.pool), BENCH_HTTP_PROCESSES: String(o.fronts) });
  try {
    const token = child.ready.handlerToken;
    const next = roundRobin(child.ready.caseIds);
    await cannon(child.ready.url, o.connections, o.warmup, { path: next, body: ESCALATE, token });
    const events = await cannon(child.ready.url, o.connections, o.seconds, { path: next, body: ESCALATE, token });
    log(`http split events: ${Math.round(events.perSec)}/s p99 ${events.p99} ms non-2xx ${events.non2xx}`);
    const open = await cannon(child.ready.url, o.connections, o.seconds, { path: '/api/v1/cases', body: OPEN_CASE_BODY, token });
    log(`http split open cases: ${Math.round(open.perSec)}/s p99 ${open.p99} ms non-2xx ${open.non2xx}`);
    return { events, open };
  } finally {
    await child.close();
    dropDir(dir);
  }
}
