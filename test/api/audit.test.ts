/** Changes of people, limits, tokens and the team budget are audited and readable by admins. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUser, CLI, setBudget } from '../../src/engine/admin.js';
import type { Running } from '../../src/server.js';
import { listAudit } from '../../src/store/audit.js';
import { listUsers } from '../../src/store/users.js';
import { addUser, client, FakeClock, rub, startTestServer, type Reply, type TestUser, ok } from '../helpers.js';

type Client = ReturnType<typeof client>;

let server: Running;
let admin: TestUser;
let asAdmin: Client;
let asLead: Client;
let asHandler: Client;
let handler: TestUser;

beforeEach(async () => {
  server = await startTestServer({ clock: new FakeClock() });
  admin = await addUser(server.engine, 'Ада Админова', 'admin');
  asAdmin = client(server.url, admin.token);
  asLead = client(server.url, (await addUser(server.engine, 'Лена Лидова', 'lead')).token);
  handler = await addUser(server.engine, 'Ханна', 'handler', rub(100_000));
  asHandler = client(server.url, handler.token);
});

afterEach(async () => {
  await server.close();
});

describe('the audit trail', () => {
  it('records a limit change with who, before and after, readable by admins only', async () => {
    ok(await asAdmin.patch(`/api/v1/users/${handler.id}`, { limit: rub(20_000) }));
    for (const c of [asLead, asHandler]) expect((await c.get('/api/v1/audit')).status).toBe(403);
    const items = ok(await asAdmin.get('/api/v1/audit')).body.items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      by: { id: admin.id, role: 'admin' },
      action: 'user.limit',
      subject: handler.id,
      before: { limit: rub(100_000) },
      after: { limit: rub(20_000) },
      at: '2026-11-25T09:00:00.000Z',
    });
  });

  it('records the team budget, a new person and their token, deactivation and revocation', async () => {
    ok(await asAdmin.put('/api/v1/budget', rub(5_000_000)));
    ok(await asAdmin.put('/api/v1/budget', rub(6_000_000)));
    const created = ok(await asAdmin.post('/api/v1/users', { name: 'Новый', role: 'handler', email: 'new@example.com' }), 201);
    expect(created.body).toMatchObject({ name: 'Новый', role: 'handler', limit: rub(0), email: 'new@example.com', active: true });
    expect(created.body.token).toMatch(/^amd_/);
    const asNew = client(server.url, created.body.token);
    ok(await asNew.get('/api/v1/me'));

    ok(await asAdmin.post(`/api/v1/users/${created.body.id}/tokens`), 201);
    expect(ok(await asAdmin.delete(`/api/v1/users/${created.body.id}/tokens`)).body).toEqual({ revoked: 2 });
    expect((await asNew.get('/api/v1/me')).status).toBe(401);

    const deactivated = ok(await asAdmin.patch(`/api/v1/users/${handler.id}`, { active: false }));
    expect(deactivated.body.active).toBe(false);
    expect((await asHandler.get('/api/v1/me')).status).toBe(401);

    const items = ok(await asAdmin.get('/api/v1/audit')).body.items as Array<{ action: string; subject: string; before: unknown; after: unknown }>;
    expect(items.map((i) => i.action)).toEqual(['budget.set', 'budget.set', 'user.create', 'token.issue', 'token.issue', 'token.revoke', 'user.deactivate']);
    expect(items[0]).toMatchObject({ subject: 'budget:RUB', before: null, after: { budget: rub(5_000_000) } });
    expect(items[1]).toMatchObject({ before: { budget: rub(5_000_000) }, after: { budget: rub(6_000_000) } });
    // Tokens are named by a prefix of their hash, never in plain.
    expect(JSON.stringify(items)).not.toContain(created.body.token);
    expect(items[6]).toMatchObject({ subject: handler.id, before: { active: true }, after: { active: false } });

    const forHandler = ok(await asAdmin.get(`/api/v1/audit?subject=${handler.id}`)).body.items;
    expect(forHandler.map((i: { action: string }) => i.action)).toEqual(['user.deactivate']);
  });

  it('pages with a cursor', async () => {
    for (const minor of [1, 2, 3, 4, 5]) ok(await asAdmin.put('/api/v1/budget', rub(minor)));
    const first = ok(await asAdmin.get('/api/v1/audit?limit=2')).body;
    expect(first.items).toHaveLength(2);
    const second = ok(await asAdmin.get(`/api/v1/audit?limit=2&after=${first.nextCursor}`)).body;
    const third = ok(await asAdmin.get(`/api/v1/audit?limit=2&after=${second.nextCursor}`)).body;
    expect(third.nextCursor).toBeNull();
    const seen = [...first.items, ...second.items, ...third.items].map((i: { after: { budget: { minor: number } } }) => i.after.budget.minor);
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5]);
    expect((await asAdmin.get('/api/v1/audit?limit=0')).status).toBe(400);
  });

  it('refuses a duplicate email with 409 and changes nothing', async () => {
    ok(await asAdmin.post('/api/v1/users', { name: 'Первый', role: 'lead', email: 'same@example.com' }), 201);
    const before = (await listUsers(server.engine.store.db)).length;
    const again = await asAdmin.post('/api/v1/users', { name: 'Второй', role: 'lead', email: 'same@example.com' });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.body.detail).toContain('same@example.com');
    expect((await listUsers(server.engine.store.db)).length).toBe(before);
    expect((await asLead.post('/api/v1/users', { name: 'Третий', role: 'lead' })).status).toBe(403);
  });

  it('journals CLI changes with actor cli, in the same transaction as the change', async () => {
    const store = server.engine.store;
    await createUser(store, CLI, { name: 'Оператор', role: 'lead', limit: null, email: 'op@example.com' }, '2026-11-25T10:00:00.000Z');
    await expect(createUser(store, CLI, { name: 'Дубль', role: 'lead', limit: null, email: 'op@example.com' }, '2026-11-25T10:00:00.000Z')).rejects.toThrow(/already exists/);
    await setBudget(store, CLI, rub(100), '2026-11-25T10:00:00.000Z');
    const entries = await listAudit(store.db, { limit: 10 });
    expect(entries.map((e) => [e.actorId, e.actorRole, e.action])).toEqual([
      ['cli', 'system', 'user.create'],
      ['cli', 'system', 'token.issue'],
      ['cli', 'system', 'budget.set'],
    ]);
  });
});
