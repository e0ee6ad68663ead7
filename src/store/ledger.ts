import type { Db } from './db.js';
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

export async function appendLedger(db: Db, entries: LedgerEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('ledger')
    .values(
      entries.map((e) => ({
        case_id: e.caseId,
        version: e.version,
        n: e.n,
        offer_id: e.offerId,
        entry: e.entry,
        offer_kind: e.offerKind,
        minor: e.value?.minor ?? null,
        currency: e.value?.currency ?? null,
        actor_id: e.actorId,
        executor_id: e.executorId,
        note: e.note,
        at: e.at,
      })),
    )
    .execute();
}

export async function ledgerOfCase(db: Db, caseId: string): Promise<LedgerEntry[]> {
  const rows = await db.selectFrom('ledger').selectAll().where('case_id', '=', caseId).orderBy('version').orderBy('n').execute();
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
  const rows = await db
    .selectFrom('ledger')
    .select(['entry', (eb) => eb.fn.sum<number>('minor').as('total')])
    .where('currency', '=', currency)
    .where('at', '>=', from)
    .where('at', '<', to)
    .where('entry', 'in', ['issued', 'reverted', 'recovered'])
    .groupBy('entry')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.entry, toNumber(r.total ?? 0)]));
}

export async function offerHasEntry(db: Db, offerId: string, entry: LedgerEntryKind): Promise<boolean> {
  const row = await db.selectFrom('ledger').select('offer_id').where('offer_id', '=', offerId).where('entry', '=', entry).limit(1).executeTakeFirst();
  return row !== undefined;
}
