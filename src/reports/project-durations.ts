/**
 * Duration buckets of the report read model (report_duration_hist): pure. First-response and
 * resolution times are counted per span the case was opened in (its month and its day, team zone),
 * scenario, currency and bucket; the k-th duration of a period is then in the bucket where the
 * running count reaches k, and only that bucket's cases need to be walked.
 */
import type { ReportCase } from './project-case.js';
import { dayIn } from './project-compensation.js';

export type DurationKind = 'first' | 'resolution';
export const DURATION_KINDS: readonly DurationKind[] = ['first', 'resolution'];

/** Lower bounds in ms: 0, then a minute × 2^(i/4) (quarter octaves, each ~19% wider), up to ~2 years and beyond. */
export const BOUNDS: readonly number[] = [0, ...Array.from({ length: 81 }, (_, i) => Math.round(60_000 * 2 ** (i / 4)))];

/** The bucket of a duration: the last bound at or below it (a negative duration falls in the first). */
export function bucketOf(ms: number): number {
  let lo = 0;
  let hi = BOUNDS.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((BOUNDS[mid] as number) <= ms) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The durations of a bucket: [lo, hi), null for no bound (the first reaches below 0, the last has no end). */
export function bucketRange(b: number): { lo: number | null; hi: number | null } {
  return { lo: b === 0 ? null : (BOUNDS[b] as number), hi: b >= BOUNDS.length - 1 ? null : (BOUNDS[b + 1] as number) };
}

export interface HistCount {
  span: string;
  scenario: string;
  currency: string;
  kind: DurationKind;
  bucket: number;
  n: number;
}

const valueOf = (c: ReportCase, kind: DurationKind) => (kind === 'first' ? c.firstResponseMs : c.resolutionMs);

function add(into: Map<string, HistCount>, c: ReportCase, kind: DurationKind, ms: number, zone: string, sign: number): void {
  const day = dayIn(zone, c.openedAt);
  for (const span of [day.slice(0, 7), day]) {
    const key = { span, scenario: c.scenario, currency: c.currency, kind, bucket: bucketOf(ms) };
    const k = `${span}\u0000${key.scenario}\u0000${key.currency}\u0000${kind}\u0000${key.bucket}`;
    const h = into.get(k) ?? { ...key, n: 0 };
    h.n += sign;
    into.set(k, h);
  }
}

/** Add to `into` what changing a case's row from `before` (none: a new case) to `after` changes in the counts. */
export function addDurationChange(into: Map<string, HistCount>, before: ReportCase | undefined, after: ReportCase, zone: string): void {
  for (const kind of DURATION_KINDS) {
    const was = before ? valueOf(before, kind) : null;
    const now = valueOf(after, kind);
    if (was === now && before?.scenario === after.scenario) continue;
    if (before && was !== null) add(into, before, kind, was, zone, -1);
    if (now !== null) add(into, after, kind, now, zone, 1);
  }
}
