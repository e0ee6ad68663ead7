import { describe, expect, it } from 'vitest';
import { FailureWindow } from '../../src/http/failure-window.js';

describe('the failed-authentication window', () => {
  it('lets a key fail up to the limit, then asks it to wait until its oldest failure leaves the minute', () => {
    const w = new FailureWindow(3);
    for (const t of [0, 10_000, 20_000]) {
      expect(w.retryAfter('k', t)).toBe(0);
      w.fail('k', t);
    }
    expect(w.retryAfter('k', 30_000)).toBe(30);
    expect(w.retryAfter('other', 30_000)).toBe(0);
    expect(w.retryAfter('k', 60_001)).toBe(0);
  });

  it('keeps at most the newest failures of a key and forgets the oldest keys beyond its size', () => {
    const w = new FailureWindow(2, 60_000, 3);
    for (let i = 0; i < 10; i++) w.fail('busy', i * 1000);
    // The newest two (8 s and 9 s) are kept: the wait runs from 8 s.
    expect(w.retryAfter('busy', 10_000)).toBe(58);
    for (const k of ['a', 'b', 'c']) {
      w.fail(k, 10_000);
      w.fail(k, 10_000);
    }
    // 'busy' was the oldest key: dropped to keep the map bounded.
    expect(w.retryAfter('busy', 10_000)).toBe(0);
    expect(w.retryAfter('c', 10_000)).toBe(60);
  });
});
