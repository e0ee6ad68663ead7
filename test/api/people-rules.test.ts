/** People over the API: one person per e-mail in any casing, limits in the team currency, strict token requests. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { listAudit } from '../../src/store/audit.js';
import { getUser, listUsers } from '../../src/store/users.js';
import { formClient } from '../console/form-client.js';
import { addUser, client, ok, rub, startTestServer, type TestUser } from '../helpers.js';

let server: Running;
let asAdmin: ReturnType<typeof client>;
let handler: TestUser;

beforeEach(async () => {
  server = await startTestServer({ worker: false });
  asAdmin = client(server.url, (await addUser(server.engine, 'Ада', 'admin')).token);
  handler = await addUser(server.engine, 'Ханна', 'handler', rub(100_000));
});
afterEach(async () => server.close());

const audited = async () => (await listAudit(server.engine.store.read, { limit: 100 })).map((e) => e.action);

function expectFieldProblem(r: { status: number; headers: Headers; body: { errors?: Array<{ path: string; message: string }> } }, path: string, message?: string) {
  expect(r.status).toBe(400);
  expect(r.headers.get('content-type')).toContain('application/problem+json');
  const error = r.body.errors?.find((e) => e.path === path);
  expect(error, JSON.stringify(r.body)).toBeDefined();
  if (message) expect(error?.message).toBe(message);
}

describe('people over the API', () => {
  it('keeps e-mails lower-case: another casing of a taken one is 409, and the person signs in with any casing', async () => {
    const created = ok(await asAdmin.post('/api/v1/users', { name: 'Анна', role: 'handler', email: 'Anna@Example.com', password: 'anna-secret' }), 201);
    expect(created.body.email).toBe('anna@example.com');
    const before = await listUsers(server.engine.store.read);
    const again = await asAdmin.post('/api/v1/users', { name: 'Z', role: 'handler', email: 'ANNA@example.com' });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(await listUsers(server.engine.store.read)).toEqual(before);
    for (const email of ['ANNA@EXAMPLE.COM', 'anna@example.com']) {
      expect((await formClient(server.url).signIn(email, 'anna-secret')).status).toBe(303);
    }
  });

  it('refuses a limit outside the team currency on create and on change, naming limit.currency, and changes nothing', async () => {
    const before = await listUsers(server.engine.store.read);
    const usd = { minor: 1_000_000, currency: 'USD' };
    expectFieldProblem(await asAdmin.post('/api/v1/users', { name: 'Доллар', role: 'handler', limit: usd }), 'limit.currency', 'must be in RUB');
    expectFieldProblem(await asAdmin.patch(`/api/v1/users/${handler.id}`, { limit: usd }), 'limit.currency', 'must be in RUB');
    expect(await listUsers(server.engine.store.read)).toEqual(before);
    expect((await getUser(server.engine.store.read, handler.id))?.limit).toEqual(rub(100_000));
    expect(await audited()).toEqual([]);
    // The team currency, and no limit at all, still pass.
    expect(ok(await asAdmin.patch(`/api/v1/users/${handler.id}`, { limit: rub(20_000) })).body.limit).toEqual(rub(20_000));
    expect(ok(await asAdmin.patch(`/api/v1/users/${handler.id}`, { limit: null })).body.limit).toBeNull();
  });

  it('issues a token for an empty body or {}, and refuses unknown fields with 400 issuing nothing', async () => {
    const refused = await asAdmin.post(`/api/v1/users/${handler.id}/tokens`, { x: 1 });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(refused.body.errors)).toContain('x');
    expect(await audited()).toEqual([]);
    expect(ok(await asAdmin.post(`/api/v1/users/${handler.id}/tokens`), 201).body.token).toMatch(/^amd_/);
    expect(ok(await asAdmin.post(`/api/v1/users/${handler.id}/tokens`, {}), 201).body.token).toMatch(/^amd_/);
    expect(await audited()).toEqual(['token.issue', 'token.issue']);
  });
});
