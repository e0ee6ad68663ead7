import type { CaseRecord } from '../store/cases.js';
import type { Store } from '../store/db.js';
import type { ComplaintSnapshot } from './snapshots.js';

/**
 * The cases this process wrote last, as it committed them: the record and its statechart snapshot.
 * The next event on a case finds it here instead of reading the whole row, parsing its JSON and
 * restoring the snapshot again, whenever the case's version in the database is still the one
 * remembered. A version is written once (every write is a compare-and-swap that moves it on), so an
 * equal version is the same row, whoever reads it; only committed writes are remembered.
 */
export interface RecentCase {
  record: CaseRecord;
  snapshot: ComplaintSnapshot;
}

const MAX = 2_000;
const byStore = new WeakMap<Store, Map<string, RecentCase>>();

function recentOf(store: Store): Map<string, RecentCase> {
  let m = byStore.get(store);
  if (!m) {
    m = new Map();
    byStore.set(store, m);
  }
  return m;
}

/** The case as this process last committed it, if its version is `version`. */
export function recentAt(store: Store, id: string, version: number | undefined): RecentCase | undefined {
  const known = byStore.get(store)?.get(id);
  return known && known.record.version === version ? known : undefined;
}

/** Remember a committed write (the oldest entry goes when the map is full). */
export function remember(store: Store, recent: RecentCase): void {
  const m = recentOf(store);
  m.delete(recent.record.id);
  if (m.size >= MAX) m.delete(m.keys().next().value as string);
  m.set(recent.record.id, recent);
}
