/**
 * Reading what a run wrote to the WAL, for wal-pages.ts (events) and wal-pages-open.ts (openings):
 * mark where the WAL ends with automatic checkpoints off, run, then name the B-tree (table or index)
 * of every page written, from SQLite's dbstat table.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db } from '../../src/store/db.js';

export interface WalMark {
  wal: string;
  from: number;
  pageSize: number;
}

/** Checkpoint, turn automatic checkpoints off, and remember where the WAL ends now. */
export async function markWal(db: Db, file: string): Promise<WalMark> {
  await sql`pragma wal_checkpoint(truncate)`.execute(db);
  await sql`pragma wal_autocheckpoint = 0`.execute(db);
  const pageSize = Number((await sql<{ page_size: number }>`pragma page_size`.execute(db)).rows[0]?.page_size);
  const wal = `${file}-wal`;
  let from = 32;
  try {
    from = Math.max(32, statSync(wal).size);
  } catch {
    // no WAL yet: frames start after its 32-byte header
  }
  return { wal, from, pageSize };
}

/** Every frame written since the mark (24-byte header + one page), and how many commits they make. */
export function framesSince(mark: WalMark): { pages: number[]; commits: number } {
  const size = statSync(mark.wal).size;
  const fd = openSync(mark.wal, 'r');
  const header = Buffer.alloc(24);
  const pages: number[] = [];
  let commits = 0;
  try {
    for (let at = mark.from; at + 24 + mark.pageSize <= size; at += 24 + mark.pageSize) {
      readSync(fd, header, 0, 24, at);
      pages.push(header.readUInt32BE(0));
      // A commit's last frame carries the database size in pages; the others carry 0.
      if (header.readUInt32BE(4) !== 0) commits++;
    }
  } finally {
    closeSync(fd);
  }
  return { pages, commits };
}

/** Frames per B-tree, as the database is now (after the run: new pages included), most first. */
export function framesByTree(file: string, pages: number[]): Array<[string, number]> {
  const probe = new BetterSqlite3(file, { readonly: true });
  const owner = new Map<number, string>();
  try {
    for (const row of probe.prepare('select name, pageno, pagetype from dbstat').iterate() as Iterable<{ name: string; pageno: number; pagetype: string }>) {
      owner.set(row.pageno, row.pagetype === 'overflow' ? `${row.name} (overflow)` : row.name);
    }
  } finally {
    probe.close();
  }
  const byTree = new Map<string, number>();
  for (const p of pages) {
    const name = owner.get(p) ?? (p === 1 ? 'sqlite_schema' : '(free list / other)');
    byTree.set(name, (byTree.get(name) ?? 0) + 1);
  }
  return [...byTree].sort((x, y) => y[1] - x[1]);
}
