/**
 * A period's cohort (the cases opened in it) for the scenario and handler reports: whole days from
 * the per-day read model, the partial days at its edges from the case rows; medians and p90s exact,
 * by reading the durations of a small period, or for a large one by finding the bucket of each rank
 * from per-month and per-day counts and walking that bucket alone.
 */
import { DateTime } from 'luxon';
import type { Db } from '../store/db.js';
import { cohortDayTotals, cohortDurations, cohortTotals, type CohortTotals } from '../store/report-queries-cohort.js';
import { durationInBucket, histCounts } from '../store/report-queries-durations.js';
import { splitDays, type Period } from './period.js';
import { COUNTS } from './project-cohort.js';
import { bucketOf, bucketRange, BOUNDS, type DurationKind } from './project-durations.js';
import { nearestRank, percentile } from './stats.js';

const groupKey = (g: Pick<CohortTotals, 'scenario' | 'ownerId' | 'currency'>) => `${g.scenario}\u0000${g.ownerId ?? ''}\u0000${g.currency}`;

/** Counts and sums per scenario (or owner) and currency of the cases opened in the period. */
export async function periodTotals(db: Db, p: Period, by: 'scenario' | 'owner'): Promise<CohortTotals[]> {
  const { days, slices } = splitDays(p);
  const parts = await Promise.all([days ? cohortDayTotals(db, days[0], days[1], by) : [], ...slices.map(([from, to]) => cohortTotals(db, from, to, by))]);
  const merged = new Map<string, CohortTotals>();
  for (const g of parts.flat()) {
    const k = groupKey(g);
    const into = merged.get(k);
    if (!into) merged.set(k, { ...g });
    else for (const c of COUNTS) into[c] += g[c];
  }
  return [...merged.values()].filter((g) => g.cases > 0);
}

export interface Durations {
  firstResponseMedianMs: number | null;
  firstResponseP90Ms: number | null;
  resolutionMedianMs: number | null;
  resolutionP90Ms: number | null;
}

/** Up to this many cases in a period, their durations are read and sorted; above it, the indexes are walked. */
export const READ_ALL_UP_TO = 50_000;

/**
 * Median and p90 of the first-response and resolution times per scenario and currency (`groups` from
 * periodTotals by scenario), by nearest rank, the same figures either way.
 */
export async function periodDurations(db: Db, p: Period, groups: CohortTotals[], readAllUpTo = READ_ALL_UP_TO): Promise<Map<string, Durations>> {
  const out = new Map<string, Durations>();
  const total = groups.reduce((n, g) => n + g.cases, 0);
  if (total <= readAllUpTo) {
    const times = new Map<string, { first: number[]; resolution: number[] }>();
    for (const d of await cohortDurations(db, p.fromIso, p.toIso)) {
      const k = groupKey({ scenario: d.scenario, ownerId: null, currency: d.currency });
      const t = times.get(k) ?? { first: [], resolution: [] };
      if (d.first !== null) t.first.push(d.first);
      if (d.resolution !== null) t.resolution.push(d.resolution);
      times.set(k, t);
    }
    for (const g of groups) {
      const t = times.get(groupKey(g)) ?? { first: [], resolution: [] };
      out.set(groupKey(g), {
        firstResponseMedianMs: percentile(t.first, 0.5),
        firstResponseP90Ms: percentile(t.first, 0.9),
        resolutionMedianMs: percentile(t.resolution, 0.5),
        resolutionP90Ms: percentile(t.resolution, 0.9),
      });
    }
    return out;
  }
  const hist = await periodHistogram(db, p);
  const rank = async (g: CohortTotals, kind: DurationKind, q: number): Promise<number | null> => {
    const counts = hist.get(`${groupKey(g)}\u0000${kind}`);
    if (!counts) return null;
    const n = counts.reduce((a, b) => a + b, 0);
    if (n === 0) return null;
    const k = nearestRank(q, n);
    let below = 0;
    let b = 0;
    while (below + (counts[b] ?? 0) < k) below += counts[b++] ?? 0;
    const within = k - below; // 1-based among the bucket's durations
    const inBucket = counts[b] ?? 0;
    const fromTop = inBucket - within < within - 1;
    return durationInBucket(db, { kind, scenario: g.scenario, currency: g.currency, ...bucketRange(b), from: p.fromIso, to: p.toIso, offset: fromTop ? inBucket - within : within - 1, fromTop });
  };
  for (const g of groups) {
    out.set(groupKey(g), {
      firstResponseMedianMs: await rank(g, 'first', 0.5),
      firstResponseP90Ms: await rank(g, 'first', 0.9),
      resolutionMedianMs: await rank(g, 'resolution', 0.5),
      resolutionP90Ms: await rank(g, 'resolution', 0.9),
    });
  }
  return out;
}

/** The months and days a run of whole days covers: whole months as months, the rest as days. */
export function spansOf(fromDay: string, toDay: string): string[] {
  const spans: string[] = [];
  const last = DateTime.fromISO(toDay, { zone: 'utc' });
  for (let d = DateTime.fromISO(fromDay, { zone: 'utc' }); d <= last; ) {
    const monthEnd = d.endOf('month').startOf('day');
    if (d.day === 1 && monthEnd <= last) {
      spans.push(d.toFormat('yyyy-MM'));
      d = monthEnd.plus({ days: 1 });
    } else {
      spans.push(d.toISODate() as string);
      d = d.plus({ days: 1 });
    }
  }
  return spans;
}

/** Counts per bucket of the period's durations, keyed by scenario, currency and kind. */
async function periodHistogram(db: Db, p: Period): Promise<Map<string, number[]>> {
  const { days, slices } = splitDays(p);
  const out = new Map<string, number[]>();
  const add = (scenario: string, currency: string, kind: DurationKind, bucket: number, n: number) => {
    const k = `${groupKey({ scenario, ownerId: null, currency })}\u0000${kind}`;
    const counts = out.get(k) ?? new Array<number>(BOUNDS.length).fill(0);
    counts[bucket] = (counts[bucket] ?? 0) + n;
    out.set(k, counts);
  };
  for (const h of days ? await histCounts(db, spansOf(days[0], days[1])) : []) add(h.scenario, h.currency, h.kind, h.bucket, h.n);
  for (const [from, to] of slices) {
    for (const d of await cohortDurations(db, from, to)) {
      if (d.first !== null) add(d.scenario, d.currency, 'first', bucketOf(d.first), 1);
      if (d.resolution !== null) add(d.scenario, d.currency, 'resolution', bucketOf(d.resolution), 1);
    }
  }
  return out;
}

export const durationsOf = (map: Map<string, Durations>, g: CohortTotals): Durations =>
  map.get(groupKey(g)) ?? { firstResponseMedianMs: null, firstResponseP90Ms: null, resolutionMedianMs: null, resolutionP90Ms: null };
