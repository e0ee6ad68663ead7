/**
 * Where the WAL frames of opening a case go (the sibling of wal-pages.ts, which measures events):
 * opens cases through `openCase` with automatic checkpoints off, then names the B-tree (table or
 * index) of every page in the WAL from SQLite's dbstat table. Prints frames per opened case for each.
 * With more in flight, opens share group commits and so pages: that is the HTTP bench's case.
 *   npx tsx test/bench/wal-pages-open.ts [opens=1000] [existing=5000] [inFlight=1]
 */
import { openSync, readSync, closeSync, statSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { openCase } from '../../src/engine/open-case.js';
import type { OpenCaseInput } from '../../src/domain/case.js';
import { closeEngine, setupEngine } from './engine.js';
import { OPEN_CASE_BODY } from './http.js';

const opens = Number(process.argv[2] ?? 1000);
const existing = Number(process.argv[3] ?? 5000);
const inFlight = Number(process.argv[4] ?? 1);

/** Page numbers of every frame in the WAL from byte `from` on (a frame: 24-byte header + one page). */
function framePages(file: string, from: number, pageSize: number): { pages: number[]; commits: number } {
  const size = statSync(file).size;
  const fd = openSync(file, 'r');
  const header = Buffer.alloc(24);
  const pages: number[] = [];
  let commits = 0;
  try {
    for (let at = from; at + 24 + pageSize <= size; at += 24 + pageSize) {
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

const b = await setupEngine(1);
const file = path.join(b.dir, 'engine.sqlite');
// The HTTP bench's request: the classifier chooses the playbook.
const input = JSON.parse(OPEN_CASE_BODY) as OpenCaseInput;
const open = async (n: number) => {
  let left = n;
  await Promise.all(Array.from({ length: inFlight }, async () => { while (left-- > 0) await openCase(b.engine, input, b.user.actor); }));
};
try {
  await open(existing); // the tables and indexes the measured opens land in
  const db = b.engine.store.db;
  await sql`pragma wal_checkpoint(truncate)`.execute(db);
  await sql`pragma wal_autocheckpoint = 0`.execute(db);
  const pageSize = Number((await sql<{ page_size: number }>`pragma page_size`.execute(db)).rows[0]?.page_size);
  const wal = `${file}-wal`;
  const start = (() => {
    try {
      return Math.max(32, statSync(wal).size);
    } catch {
      return 32;
    }
  })();
  await open(opens);
  const { pages, commits } = framePages(wal, start, pageSize);
  const probe = new BetterSqlite3(file, { readonly: true });
  const owner = new Map<number, string>();
  for (const row of probe.prepare('select name, pageno, pagetype from dbstat').iterate() as Iterable<{ name: string; pageno: number; pagetype: string }>) {
    owner.set(row.pageno, row.pagetype === 'overflow' ? `${row.name} (overflow)` : row.name);
  }
  probe.close();
  const byTree = new Map<string, number>();
  for (const p of pages) {
    const name = owner.get(p) ?? (p === 1 ? 'sqlite_schema' : '(free list / other)');
    byTree.set(name, (byTree.get(name) ?? 0) + 1);
  }
  process.stdout.write(`${opens} cases opened (${existing} before), ${inFlight} in flight, ${commits} commits, ${pages.length} frames: ${(pages.length / opens).toFixed(2)} per open\n`);
  for (const [name, n] of [...byTree].sort((x, y) => y[1] - x[1])) process.stdout.write(`  ${(n / opens).toFixed(2).padStart(6)}  ${name}\n`);
} finally {
  await closeEngine(b);
}
