/**
 * Every statement an event runs finds its rows through an index: none reads a whole table of cases,
 * timers, messages, journal entries or ledger rows, whose cost would grow with the history instead
 * of with the case. A partial index is easy to lose this way: its condition has to be in the query
 * word for word (a bound parameter in its place proves nothing to the planner).
 */
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { dispatch } from '../../src/engine/dispatch.js';
import { rub } from '../helpers.js';
import { caseInChoosing, issued, world, type World } from './fixture.js';

const GROWING = /^SCAN (cases|timers|outbox|journal|ledger)\b/;

const proto = BetterSqlite3.prototype as unknown as { prepare(this: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement };
const prepare = proto.prepare;
const seen = new Set<string>();

let w: World;
beforeEach(async () => {
  w = await world();
  seen.clear();
});
afterEach(async () => {
  proto.prepare = prepare;
  await w.close();
});

it('no statement of an event scans a table that grows with the history', async () => {
  // Statements are prepared once per connection and cached: record them from the first event on.
  proto.prepare = function (sql: string) {
    seen.add(sql);
    return prepare.call(this, sql);
  };
  const id = await caseInChoosing(w);
  await dispatch(w.engine, id, { type: 'ESCALATE', reason: 'ждёт ответа' }, w.handler.actor);
  // Above the handler's limit: approval, budgets (the committed total), ledger, timers paused and resumed.
  await issued(w, id, rub(150_000));
  await dispatch(w.engine, id, { type: 'FOLLOW_UP', text: 'Как дела?', rating: 'good' }, w.handler.actor);
  proto.prepare = prepare;

  const raw = new BetterSqlite3(w.url.slice('sqlite:'.length), { readonly: true });
  try {
    const scans: string[] = [];
    const statements = [...seen].filter((s) => /^\s*(select|update|delete)\b/i.test(s));
    expect(statements.some((s) => /sum\("committed_minor"\)/.test(s))).toBe(true);
    for (const s of statements) {
      const params = (s.match(/\?/g) ?? []).map(() => null);
      const plan = raw.prepare(`explain query plan ${s}`).all(...params) as Array<{ detail: string }>;
      for (const p of plan) if (GROWING.test(p.detail)) scans.push(`${p.detail} ← ${s}`);
    }
    expect(scans).toEqual([]);
  } finally {
    raw.close();
  }
});
