/**
 * The floor: bare better-sqlite3 with the pragmas of src/store/db.ts (WAL, synchronous=FULL), doing
 * what every accepted event must do at the least — one UPDATE of the case row and one INSERT into the
 * journal — in one transaction per event. No Kysely, no XState, no validation.
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { benchDir, dropDir, now } from './util.js';

export interface BareStore {
  db: BetterSqlite3.Database;
  ids: string[];
  /** One committed event: UPDATE + INSERT in a BEGIN IMMEDIATE transaction; returns the new version. */
  apply(caseId: string, type: string, payload: string): number;
  close(): void;
}

export function openBare(file: string, pool: number, snapshotJson: string): BareStore {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.exec(`
    create table cases (id text primary key, version integer not null, snapshot text not null, state text not null, updated_at text not null);
    create table journal (case_id text not null references cases(id), version integer not null, type text not null, actor_id text not null,
      payload text not null, at text not null, primary key (case_id, version));
  `);
  const ids = Array.from({ length: pool }, (_, i) => `cas_${String(i).padStart(8, '0')}`);
  const insert = db.prepare('insert into cases (id, version, snapshot, state, updated_at) values (?, 1, ?, ?, ?)');
  db.transaction(() => {
    for (const id of ids) insert.run(id, snapshotJson, 'apologize', new Date().toISOString());
  })();
  const update = db.prepare('update cases set version = version + 1, snapshot = ?, updated_at = ? where id = ? returning version');
  const journal = db.prepare('insert into journal (case_id, version, type, actor_id, payload, at) values (?, ?, ?, ?, ?, ?)');
  const tx = db.transaction((caseId: string, type: string, payload: string) => {
    const at = new Date().toISOString();
    const row = update.get(snapshotJson, at, caseId) as { version: number } | undefined;
    if (!row) throw new Error(`no case ${caseId}`);
    journal.run(caseId, row.version, type, 'usr_bench', payload, at);
    return row.version;
  });
  return { db, ids, apply: (caseId, type, payload) => tx.immediate(caseId, type, payload), close: () => db.close() };
}

export interface FloorResult {
  commits: number;
  seconds: number;
  perSec: number;
}

/** Commit as many UPDATE + INSERT transactions as fit in `durationMs`, round-robin over `pool` rows. */
export function floorCommits(durationMs: number, pool: number, snapshotJson: string): FloorResult {
  const dir = benchDir('floor');
  const store = openBare(path.join(dir, 'floor.sqlite'), pool, snapshotJson);
  const payload = JSON.stringify({ reason: 'the customer called again' });
  try {
    for (let i = 0; i < 200; i++) store.apply(store.ids[i % pool] as string, 'ESCALATE', payload); // warm-up
    let commits = 0;
    const t0 = now();
    let t = t0;
    while (t - t0 < durationMs) {
      store.apply(store.ids[commits % pool] as string, 'ESCALATE', payload);
      commits++;
      t = now();
    }
    const seconds = (t - t0) / 1000;
    return { commits, seconds, perSec: commits / seconds };
  } finally {
    store.close();
    dropDir(dir);
  }
}
