import type { Config } from './config.js';
import type { Actor } from './domain/roles.js';
import { dispatch } from './engine/dispatch.js';
import { openCase } from './engine/open-case.js';
import { setTeamBudget } from './engine/budget.js';
import { createEngine } from './server.js';
import { migrateToLatest } from './store/migrate.js';
import { insertUser, issueToken } from './store/users.js';

/** Demo data through the real write path: people with tokens, and cases at several steps. */
export async function seedDemo(config: Config): Promise<void> {
  const engine = await createEngine(config);
  try {
    await migrateToLatest(engine.store.db);
    const now = new Date().toISOString();
    const c = config.currency;
    const lead = await insertUser(engine.store.db, { name: 'Ольга Лидова', role: 'lead', limit: null, email: 'lead@example.com', password: 'lead-demo' }, now);
    const anna = await insertUser(engine.store.db, { name: 'Анна Смирнова', role: 'handler', limit: { minor: 100_000, currency: c }, email: 'anna@example.com', password: 'anna-demo' }, now);
    const tom = await insertUser(engine.store.db, { name: 'Tom Baker', role: 'handler', limit: { minor: 50_000, currency: c } }, now);
    await setTeamBudget(engine.store.db, { minor: 5_000_000, currency: c }, now);
    const asAnna: Actor = { kind: 'user', id: anna.id, name: anna.name, role: 'handler', limit: anna.limit };
    const late = await openCase(engine, {
      customer: { id: 'cust-1001', name: 'Мария Иванова', email: 'maria@example.com', locale: 'ru', timeZone: 'Europe/Moscow', tier: 'paid' },
      orderId: 'ord-5001', channel: 'rating', description: 'Клинер опоздал на 40 минут и не предупредил.', scenario: 'late-arrival',
    }, asAnna);
    await dispatch(engine, late.record.id, { type: 'APOLOGIZE', channel: 'phone', text: 'Мария, простите: мы опоздали, это наша ошибка.' }, asAnna);
    await openCase(engine, {
      customer: { id: 'cust-1002', name: 'John Carter', locale: 'en', timeZone: 'Europe/London', tier: 'vip' },
      channel: 'email', description: 'Your cleaner broke my vase.', scenario: 'property-damage', ownerId: null,
    }, asAnna);
    await openCase(engine, {
      customer: { id: 'cust-1003', name: 'Пётр Сидоров', locale: 'ru', timeZone: 'Asia/Yekaterinburg', tier: 'free' },
      channel: 'phone', description: 'Это позор, никогда больше!', scenario: 'hostile-unclear', ownerId: tom.id,
    }, asAnna);
    for (const [who, id] of [['lead', lead.id], ['anna', anna.id], ['tom', tom.id]] as const) {
      console.log(`${who}: ${await issueToken(engine.store.db, id, now)}`);
    }
  } finally {
    await engine.store.close();
  }
}
