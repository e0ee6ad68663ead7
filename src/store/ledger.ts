import type { Db } from './db.js';
import { prepared } from './prepared.js';
import { toNumber } from './db.js';
import type { Currency, Money } from '../domain/money.js';
import type { LedgerEntryKind, OfferKind } from '../domain/offers.js';

export interface LedgerEntry {
  caseId: string;
  version: number;
  n: number;
  offerId: string | null;
  entry: LedgerEntryKind;
  offerKind: OfferKind | null;
  value: Money | null;
  actorId: string;
  executorId: string | null;
  note: string | null;
  at: string;
}

const insertEntry = prepared(
  (db, caseId: string, version: number, n: number, offerId: string | null, entry: string, offerKind: string | null, minor: number | null, currency: string | null, actorId: string, executorId: string | null, note: string | null, at: string) =>
    db.insertInto('ledger').values({
      case_id: caseId,
      version,
      n,
      offer_id: offerId,
      entry,
      offer_kind: offerKind,
      minor,
      currency,
      actor_id: actorId,
      executor_id: executorId,
      note,
      at,
    }),
);

/** One prepared INSERT per entry: a multi-row INSERT would be a new query shape for every count. */
export async function appendLedger(db: Db, entries: LedgerEntry[]): Promise<void> {
  for (const e of entries) {
    await insertEntry(db, e.caseId, e.version, e.n, e.offerId, e.entry, e.offerKind, e.value?.minor ?? null, e.value?.currency ?? null, e.actorId, e.executorId, e.note, e.at);
  }
}

const ofCase = prepared((db, caseId: string) => db.selectFrom('ledger').selectAll().where('case_id', '=', caseId).orderBy('version').orderBy('n'));

export async function ledgerOfCase(db: Db, caseId: string): Promise<LedgerEntry[]> {
  const { rows } = await ofCase(db, caseId);
  return rows.map((r) => ({
    caseId: r.case_id,
    version: r.version,
    n: r.n,
    offerId: r.offer_id,
    entry: r.entry as LedgerEntryKind,
    offerKind: r.offer_kind as OfferKind | null,
    value: r.minor === null || r.currency === null ? null : { minor: toNumber(r.minor), currency: r.currency as Currency },
    actorId: r.actor_id,
    executorId: r.executor_id,
    note: r.note,
    at: r.at,
  }));
}

export async function caseIdOfOffer(db: Db, offerId: string): Promise<string | undefined> {
  const row = await db.selectFrom('ledger').select('case_id').where('offer_id', '=', offerId).limit(1).executeTakeFirst();
  return row?.case_id;
}

/** Sums per entry kind in one currency over [from, to): the team's spend for a month. */
export async function sumsBetween(db: Db, currency: Currency, from: string, to: string): Promise<Partial<Record<LedgerEntryKind, number>>> {
  const { rows } = await sumsOf(db, currency, from, to);
  return Object.fromEntries(rows.map((r) => [r.entry, toNumber(r.total ?? 0)]));
}

// Prepared: every offer, approval and issue reads the month's sums for the team budget.
const sumsOf = prepared((db, currency: string, from: string, to: string) =>
  db
    .selectFrom('ledger')
    .select(['entry', (eb) => eb.fn.sum<number>('minor').as('total')])
    .where('currency', '=', currency)
    .where('at', '>=', from)
    .where('at', '<', to)
    .where('entry', 'in', ['issued', 'reverted', 'recovered'])
    .groupBy('entry'),
);

export async function offerHasEntry(db: Db, offerId: string, entry: LedgerEntryKind): Promise<boolean> {
  const row = await db.selectFrom('ledger').select('offer_id').where('offer_id', '=', offerId).where('entry', '=', entry).limit(1).executeTakeFirst();
  return row !== undefined;
}
