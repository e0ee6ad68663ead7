import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spansOf } from '../../src/reports/cohort-period.js';
import { BOUNDS, bucketOf, bucketRange } from '../../src/reports/project-durations.js';

const SEED = 20261126;

describe('duration buckets', () => {
  it(`put every duration inside its bucket’s range, and buckets in the order of durations (fast-check seed ${SEED})`, () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 10 ** 11 }), fc.integer({ min: -1000, max: 10 ** 11 }), (a, b) => {
        const { lo, hi } = bucketRange(bucketOf(a));
        expect(lo === null || a >= lo).toBe(true);
        expect(hi === null || a < hi).toBe(true);
        if (a <= b) expect(bucketOf(a)).toBeLessThanOrEqual(bucketOf(b));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('start a new bucket exactly at each bound', () => {
    expect(bucketOf(59_999)).toBe(0);
    expect(bucketOf(60_000)).toBe(1);
    for (let b = 1; b < BOUNDS.length; b++) {
      expect(bucketOf(BOUNDS[b] as number)).toBe(b);
      expect(bucketOf((BOUNDS[b] as number) - 1)).toBe(b - 1);
    }
  });
});

describe('the spans of a run of days', () => {
  it('takes whole months as months and the rest as days', () => {
    expect(spansOf('2026-01-30', '2026-03-02')).toEqual(['2026-01-30', '2026-01-31', '2026-02', '2026-03-01', '2026-03-02']);
    expect(spansOf('2025-12-01', '2026-11-30')).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(spansOf('2026-02-01', '2026-02-27')).toHaveLength(27);
    expect(spansOf('2024-02-01', '2024-02-29')).toEqual(['2024-02']);
  });
});
