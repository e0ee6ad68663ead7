/** Reads for the medians and p90s of the scenario report: bucket counts, and one walk inside a bucket. */
import type { DurationKind } from '../reports/project-durations.js';
import type { Db } from './db.js';
import { toNumber } from './db.js';

const COLUMN = { first: 'first_response_ms', resolution: 'resolution_ms' } as const;

/** Bucket counts summed over the given spans (months 'YYYY-MM' and days 'YYYY-MM-DD'). */
export async function histCounts(db: Db, spans: string[]): Promise<Array<{ scenario: string; currency: string; kind: DurationKind; bucket: number; n: number }>> {
  if (spans.length === 0) return [];
  const rows = await db
    .selectFrom('report_duration_hist')
    .select((eb) => ['scenario', 'currency', 'kind', 'bucket', eb.fn.sum<number>('n').as('n')])
    .where('span', 'in', spans)
    .groupBy(['scenario', 'currency', 'kind', 'bucket'])
    .execute();
  return rows.map((r) => ({ scenario: r.scenario, currency: r.currency, kind: r.kind as DurationKind, bucket: toNumber(r.bucket), n: toNumber(r.n) })).filter((r) => r.n !== 0);
}

export interface BucketWalk {
  kind: DurationKind;
  scenario: string;
  currency: string;
  /** Durations in [lo, hi); null for no bound. */
  lo: number | null;
  hi: number | null;
  /** Cases opened in [from, to). */
  from: string;
  to: string;
  /** 0-based position among the bucket's durations of the period, counted from the shortest, or from the longest when `fromTop`. */
  offset: number;
  fromTop: boolean;
}

/** One duration of a bucket by its position, walking the scenario's duration index inside the bucket only. */
export async function durationInBucket(db: Db, w: BucketWalk): Promise<number | null> {
  const col = COLUMN[w.kind];
  let q = db
    .selectFrom('report_cases')
    .select(col)
    .where('scenario', '=', w.scenario)
    .where('currency', '=', w.currency)
    .where(col, 'is not', null)
    .where('opened_at', '>=', w.from)
    .where('opened_at', '<', w.to);
  if (w.lo !== null) q = q.where(col, '>=', w.lo);
  if (w.hi !== null) q = q.where(col, '<', w.hi);
  const row = await q
    .orderBy(col, w.fromTop ? 'desc' : 'asc')
    .limit(1)
    .offset(w.offset)
    .executeTakeFirst();
  const v = row?.[col];
  return v === null || v === undefined ? null : toNumber(v);
}
