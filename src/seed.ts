import { sql } from 'kysely';
import type { Config } from './config.js';
import type { Money } from './domain/money.js';
import type { Actor, Role } from './domain/roles.js';
import { CLI, createUser, issueUserToken, setBudget } from './engine/admin.js';
import { dispatch } from './engine/dispatch.js';
import type { Engine } from './engine/engine.js';
import { openCase } from './engine/open-case.js';
import { createEngine } from './server.js';
import { migrateToLatest } from './store/migrate.js';
import { findUserByEmail, type User } from './store/users.js';
import { catchUp } from './reports/projector.js';
import { seedHistory } from './reports/seed-history.js';
import { bulkCopies } from './reports/seed-bulk.js';

/** Cases of a `--cases N` history that go through the real write path; the rest are copies of them (seed-bulk.ts). */
const REAL_CASES = 200;

interface DemoPerson {
  key: string;
  name: string;
  role: Role;
  limit: Money | null;
  email: string;
  password: string;
}

const asActor = (u: User): Actor => ({ kind: 'user', id: u.id, name: u.name, role: u.role, limit: u.limit });

/** A demo person by email: found if an earlier seed made them, created otherwise. Either way a fresh token. */
async function demoPerson(engine: Engine, p: DemoPerson, now: string): Promise<{ user: User; token: string; created: boolean }> {
  const found = await findUserByEmail(engine.store.db, p.email);
  if (found) return { user: found, token: await issueUserToken(engine.store, CLI, found.id, now), created: false };
  const { user, token } = await createUser(engine.store, CLI, { name: p.name, role: p.role, limit: p.limit, email: p.email, password: p.password }, now);
  return { user, token, created: true };
}

/**
 * Demo data through the real write path: people with tokens, and cases at several steps. Running it
 * again reuses the demo people (by email), prints new tokens, and adds no second set of cases.
 */
export async function seedDemo(config: Config, opts: { cases?: number; real?: number } = {}): Promise<void> {
  const engine = await createEngine(config);
  try {
    await migrateToLatest(engine.store.db);
    const now = new Date().toISOString();
    const c = config.currency;
    const people: DemoPerson[] = [
      { key: 'lead', name: 'Ольга Лидова', role: 'lead', limit: null, email: 'lead@example.com', password: 'lead-demo' },
      { key: 'anna', name: 'Анна Смирнова', role: 'handler', limit: { minor: 100_000, currency: c }, email: 'anna@example.com', password: 'anna-demo' },
      { key: 'tom', name: 'Tom Baker', role: 'handler', limit: { minor: 50_000, currency: c }, email: 'tom@example.com', password: 'tom-demo' },
    ];
    const seeded = [];
    for (const p of people) seeded.push({ key: p.key, ...(await demoPerson(engine, p, now)) });
    const [lead, anna, tom] = seeded as [(typeof seeded)[number], (typeof seeded)[number], (typeof seeded)[number]];
    if (lead.created) {
      await setBudget(engine.store, CLI, { minor: 5_000_000, currency: c }, now);
      await demoCases(engine, asActor(lead.user), asActor(anna.user), tom.user.id);
    } else {
      console.log('demo people already exist: new tokens issued, no new cases');
    }
    if (opts.cases) {
      const t0 = performance.now();
      // A generated history need not survive power loss while it is written (run the seed again):
      // commits skip their fsync until the seed ends, nothing else about the write path changes.
      if (engine.store.dialect === 'sqlite') await sql`pragma synchronous = off`.execute(engine.store.db);
      const real = Math.min(opts.cases, opts.real ?? REAL_CASES);
      const made = await seedHistory(engine, { lead: asActor(lead.user), handlers: [asActor(anna.user), asActor(tom.user)] }, { cases: real, now: new Date() });
      const t1 = performance.now();
      const projected = await catchUp(engine);
      const t2 = performance.now();
      const copied = opts.cases > real ? await bulkCopies(engine, opts.cases - real) : 0;
      const ms = (a: number, b: number) => Math.round(b - a);
      console.log(`history: ${made.cases} cases (${made.events} events) through the write path in ${ms(t0, t1)} ms, projected in ${ms(t1, t2)} ms; ${copied} copies in ${ms(t2, performance.now())} ms`);
    }
    for (const s of seeded) console.log(`${s.key}: ${s.token}`);
  } finally {
    await engine.store.close();
  }
}

async function demoCases(engine: Engine, asLead: Actor, asAnna: Actor, tomId: string): Promise<void> {
  const late = await openCase(engine, {
    customer: { id: 'cust-1001', name: 'Мария Иванова', email: 'maria@example.com', locale: 'ru', timeZone: 'Europe/Moscow', tier: 'paid' },
    orderId: 'ord-5001', channel: 'rating', description: 'Клинер опоздал на 40 минут и не предупредил.', scenario: 'late-arrival',
  }, asAnna);
  await dispatch(engine, late.record.id, { type: 'APOLOGIZE', channel: 'phone', text: 'Мария, простите: мы опоздали, это наша ошибка.' }, asAnna);
  await openCase(engine, {
    customer: { id: 'cust-1002', name: 'John Carter', locale: 'en', timeZone: 'Europe/London', tier: 'vip' },
    channel: 'email', description: 'Your cleaner broke my vase.', scenario: 'property-damage', ownerId: null,
  }, asAnna);
  // Only a lead opens a case in someone else's name.
  await openCase(engine, {
    customer: { id: 'cust-1003', name: 'Пётр Сидоров', locale: 'ru', timeZone: 'Asia/Yekaterinburg', tier: 'free' },
    channel: 'phone', description: 'Это позор, никогда больше!', scenario: 'hostile-unclear', ownerId: tomId,
  }, asLead);
}
