import type { Engine } from '../engine/engine.js';

/**
 * Failed attempts per key (a token, an address) over a sliding window, in memory. Only failures are
 * counted; each key keeps at most `limit` timestamps and the map at most `maxKeys` keys, so a flood of
 * made-up tokens cannot grow memory without bound.
 */
export class FailureWindow {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly maxKeys = 10_000,
  ) {}

  /** Seconds until `key` may try again, or 0 when it has failed fewer than `limit` times in the window. */
  retryAfter(key: string, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < this.limit) return 0;
    const oldest = recent[0] ?? now;
    return Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
  }

  fail(key: string, now: number): void {
    const recent = this.recent(key, now);
    recent.push(now);
    if (recent.length > this.limit) recent.splice(0, recent.length - this.limit);
    this.failures.delete(key);
    this.failures.set(key, recent);
    // Oldest keys go first: Map keeps insertion order, and a key is re-inserted on every failure.
    while (this.failures.size > this.maxKeys) {
      const first = this.failures.keys().next().value;
      if (first === undefined) break;
      this.failures.delete(first);
    }
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }
}

/** One limit's failure counts, as a request handler uses them. */
export interface FailureCounts {
  retryAfter(key: string, now: number): Promise<number>;
  fail(key: string, now: number): Promise<void>;
}

/**
 * The failure counts named `name`: in this process, or, in an HTTP process in front of the writer,
 * kept by the writer for all of them (otherwise N processes would allow N times the limit).
 */
export function failureCounts(engine: Engine, name: string, limit: number): FailureCounts {
  const writer = engine.writer;
  if (writer) {
    return {
      retryAfter: async (key, now) => (await writer.call('failures', [name, limit, 'retryAfter', key, now])) as number,
      fail: async (key, now) => void (await writer.call('failures', [name, limit, 'fail', key, now])),
    };
  }
  const window = new FailureWindow(limit);
  return { retryAfter: async (key, now) => window.retryAfter(key, now), fail: async (key, now) => window.fail(key, now) };
}

/** The writer's side: one window per name, created by the first failure counted under it. */
export function sharedFailureWindows(): (name: string, limit: number, action: 'retryAfter' | 'fail', key: string, now: number) => number {
  const windows = new Map<string, FailureWindow>();
  return (name, limit, action, key, now) => {
    let window = windows.get(name);
    if (!window) windows.set(name, (window = new FailureWindow(limit)));
    if (action === 'retryAfter') return window.retryAfter(key, now);
    window.fail(key, now);
    return 0;
  };
}
