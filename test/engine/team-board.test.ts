/** The read models behind the leads' conflict board and team page. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { conflictBoard, issuedByActor, loadByOwner } from '../../src/store/team-board.js';
import { addUser, client, customer, FakeClock, HOUR, rub, startTestServer, type TestUser } from '../helpers.js';

let running: Running;
let anna: TestUser;
let boris: TestUser;
const clock = new FakeClock(new Date('2026-11-25T09:00:00.000Z'));

beforeAll(async () => {
  running = await startTestServer({ clock, worker: false });
  anna = await addUser(running.engine, 'Анна Смирнова', 'handler', rub(100_000));
  boris = await addUser(running.engine, 'Борис Орлов', 'handler', rub(100_000));
});
afterAll(async () => running.close());

async function open(by: TestUser, over: Record<string, unknown> = {}): Promise<string> {
  const res = await client(running.url, by.token).post('/api/v1/cases', { customer: customer({ id: `c-${Math.random()}` }), channel: 'phone', description: 'Опоздали на час', scenario: 'late-arrival', ...over });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

async function send(by: TestUser, id: string, events: Array<Record<string, unknown>>) {
  for (const e of events) {
    const res = await client(running.url, by.token).event(id, e);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
}

describe('the team read models', () => {
  let calm: string;
  let firstConflict: string;
  let secondConflict: string;

  beforeAll(async () => {
    calm = await open(anna);
    firstConflict = await open(anna, { tone: 'conflict', customer: customer({ id: 'c-angry-1', name: 'Пётр Гневный' }) });
    clock.advance(HOUR / 2);
    secondConflict = await open(boris, { tone: 'conflict', customer: customer({ id: 'c-angry-2', name: 'Ирина Злая' }) });
  });

  it('lists open conflict cases newest first, with owner and the scheduled call time', async () => {
    const board = await conflictBoard(running.engine.store.read, { limit: 50 });
    expect(board.map((c) => c.id)).toEqual([secondConflict, firstConflict]);
    expect(board[0]).toMatchObject({ ownerId: boris.id, ownerName: 'Борис Орлов', customerName: 'Ирина Злая', state: 'personalCall', calledAt: null });
    // The personal call is due two hours after the case was opened (the default personal-call deadline).
    expect(board[0]!.callDueAt).toBe('2026-11-25T11:30:00.000Z');
    expect(board[1]!.callDueAt).toBe('2026-11-25T11:00:00.000Z');
    expect(board.map((c) => c.id)).not.toContain(calm);
  });

  it('shows when the call was logged once it was', async () => {
    await send(anna, firstConflict, [{ type: 'CALL_LOGGED', summary: 'Поговорили, клиент успокоился' }]);
    const entry = (await conflictBoard(running.engine.store.read, { limit: 50 })).find((c) => c.id === firstConflict)!;
    expect(entry.calledAt).toBe('2026-11-25T09:30:00.000Z');
    expect(entry.state).toBe('apologize');
  });

  it('counts each owner’s open and overdue cases against the current step’s deadline', async () => {
    const at = (iso: string) => loadByOwner(running.engine.store.read, iso);
    const byOwner = async (iso: string) => Object.fromEntries((await at(iso)).map((l) => [l.ownerId, { open: l.open, overdue: l.overdue }]));
    expect(await byOwner('2026-11-25T09:40:00.000Z')).toEqual({ [anna.id]: { open: 2, overdue: 0 }, [boris.id]: { open: 1, overdue: 0 } });
    // 11:10: the calm case's apology (due 11:00) is late; Anna's conflict moved on to apologize at 9:30
    // (due 11:30); Boris's call is due 11:30.
    expect(await byOwner('2026-11-25T11:10:00.000Z')).toEqual({ [anna.id]: { open: 2, overdue: 1 }, [boris.id]: { open: 1, overdue: 0 } });
    expect(await byOwner('2026-11-25T11:40:00.000Z')).toEqual({ [anna.id]: { open: 2, overdue: 2 }, [boris.id]: { open: 1, overdue: 1 } });
  });

  it('sums compensation issued in a period per person who issued it', async () => {
    await send(anna, calm, [
      { type: 'APOLOGIZE', channel: 'phone', text: 'Простите нас.' },
      { type: 'EXPLAIN', cause: 'Маршрут спланировали плохо', prevention: 'Теперь с запасом', text: 'Вот почему.' },
      { type: 'OFFER', kind: 'credit', value: rub(30_000) },
      { type: 'CUSTOMER_ACCEPTED' },
      { type: 'ISSUE' },
    ]);
    const month = await issuedByActor(running.engine.store.read, 'RUB', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z');
    expect(Object.fromEntries(month)).toEqual({ [anna.id]: 30_000 });
    const before = await issuedByActor(running.engine.store.read, 'RUB', '2026-10-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z');
    expect(before.size).toBe(0);
  });
});
