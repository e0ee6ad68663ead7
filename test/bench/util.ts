/** Small helpers shared by the bench modules: temp folders that are removed at exit, timing, RSS. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';

const made: string[] = [];
let hooked = false;

function cleanup(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A fresh temp folder on the real disk (real fsync), removed when the bench exits. */
export function benchDir(label: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `amends-bench-${label}-`));
  made.push(dir);
  if (!hooked) {
    hooked = true;
    process.once('exit', cleanup);
  }
  return dir;
}

/** Remove a bench folder now (large databases should not wait for the end of the run). */
export function dropDir(dir: string): void {
  const i = made.indexOf(dir);
  if (i >= 0) made.splice(i, 1);
  rmSync(dir, { recursive: true, force: true });
}

export function removeAllDirs(): void {
  cleanup();
}

/** A SQLite file's path, or a postgres:// URL as it is. */
export const isPostgresUrl = (target: string): boolean => /^postgres(ql)?:\/\//.test(target);

/** The app configuration for a bench database: silent logs, port 0, the worker practically off. */
export function benchConfig(file: string, over: Partial<Config> = {}): Config {
  const url = isPostgresUrl(file) ? file : `sqlite:${file}`;
  return { ...loadConfig({ LOG_LEVEL: 'silent', PORT: '0', DATABASE_URL: url }), workerIntervalMs: 3_600_000, ...over };
}

export const now = (): number => performance.now();

/** Resident set size of another process, from /proc (Linux); undefined elsewhere. */
export function rssOfPid(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Percentile of an unsorted sample (nearest rank). */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number;
}

export function log(message: string): void {
  process.stderr.write(`  · ${message}\n`);
}
