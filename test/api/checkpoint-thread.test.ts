import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { start } from '../../src/server.js';
import { createLogger } from '../../src/log.js';
import { addUser, client, customer, rub, testConfig } from '../helpers.js';

/**
 * Cases in the database file alone, without its WAL: what a checkpoint has copied there. A few
 * dozen cases stay far below wal_autocheckpoint (8000 pages), so only the checkpoint thread puts them
 * there; with the thread off they stay in the WAL.
 */
function casesInMainFile(file: string): number {
  const copy = path.join(mkdtempSync(path.join(tmpdir(), 'amends-ckpt-')), 'copy.sqlite');
  copyFileSync(file, copy);
  expect(existsSync(`${copy}-wal`)).toBe(false);
  const db = new BetterSqlite3(copy, { readonly: true });
  try {
    // Before any checkpoint the file does not even hold the schema.
    const table = db.prepare("select 1 from sqlite_master where name = 'cases'").get();
    return table ? (db.prepare('select count(*) as n from cases').get() as { n: number }).n : 0;
  } finally {
    db.close();
  }
}

async function serveAndOpen(checkpointThread: boolean, cases: number): Promise<{ running: Running; file: string }> {
  const config = testConfig();
  const running = await start({ config, worker: false, log: createLogger('silent'), checkpointThread });
  const file = config.databaseUrl.slice('sqlite:'.length);
  const handler = await addUser(running.engine, 'Handler', 'handler', rub(100_000));
  const api = client(running.url, handler.token);
  for (let i = 0; i < cases; i++) {
    const res = await api.post('/api/v1/cases', { customer: customer({ id: `c-${i}` }), channel: 'phone', description: 'Опоздали на два часа', scenario: 'late-arrival' });
    expect(res.status).toBe(201);
  }
  return { running, file };
}

/** Polls `check`; a copy taken while a checkpoint writes the file may be torn, which counts as "not yet". */
const until = async (check: () => boolean, ms: number): Promise<boolean> => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if (check()) return true;
    } catch {
      // torn copy: try again
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
};

describe('WAL checkpoints on a thread of their own', () => {
  let running: Running | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('copies committed cases into the database file while the server runs', async () => {
    const served = await serveAndOpen(true, 20);
    running = served.running;
    expect(await until(() => casesInMainFile(served.file) === 20, 5_000)).toBe(true);
  });

  it('leaves them in the WAL when the thread is off (what the test above tells apart)', async () => {
    const served = await serveAndOpen(false, 20);
    running = served.running;
    await new Promise((r) => setTimeout(r, 800));
    expect(casesInMainFile(served.file)).toBe(0);
  });

  it('stops with the server: the file closes cleanly and reopens with everything', async () => {
    const served = await serveAndOpen(true, 5);
    await served.running.close();
    const db = new BetterSqlite3(served.file, { readonly: true });
    try {
      expect((db.prepare('select count(*) as n from cases').get() as { n: number }).n).toBe(5);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
