/**
 * Where the WAL frames of an event go: dispatches events one at a time with automatic checkpoints
 * off, then reads the WAL's frame headers and names the B-tree (table or index) of every page
 * written, from SQLite's dbstat table. Prints frames per event for each B-tree.
 *   npx tsx test/bench/wal-pages.ts [events=1000] [pool=300] [inFlight=1]
 */
import { openSync, readSync, closeSync, statSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { closeEngine, runEngine, setupEngine } from './engine.js';

const events = Number(process.argv[2] ?? 1000);
const pool = Number(process.argv[3] ?? 300);
const inFlight = Number(process.argv[4] ?? 1);

/** Page numbers of every frame in the WAL from byte `from` on (a frame: 24-byte header + one page). */
function framePages(file: string, from: number, pageSize: number): number[] {
  const size = statSync(file).size;
  const fd = openSync(file, 'r');
  const header = Buffer.alloc(24);
  const pages: number[] = [];
  try {
    for (let at = from; at + 24 + pageSize <= size; at += 24 + pageSize) {
      readSync(fd, header, 0, 24, at);
      pages.push(header.readUInt32BE(0));
    }
  } finally {
    closeSync(fd);
  }
  return pages;
}

const b = await setupEngine(pool);
const file = path.join(b.dir, 'engine.sqlite');
try {
  await runEngine(b, Infinity, inFlight, 500); // warm-up
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
  const r = await runEngine(b, Infinity, inFlight, events);
  const pages = framePages(wal, start, pageSize);
  // Which B-tree owns each page, as the database is now (after the run: new pages included).
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
  process.stdout.write(`${r.events} events, ${inFlight} in flight, ${pages.length} frames: ${(pages.length / r.events).toFixed(2)} per event\n`);
  for (const [name, n] of [...byTree].sort((x, y) => y[1] - x[1])) process.stdout.write(`  ${(n / r.events).toFixed(2).padStart(6)}  ${name}\n`);
  process.stdout.write(`by type: ${JSON.stringify(r.byType)}\n`);
} finally {
  await closeEngine(b);
}
