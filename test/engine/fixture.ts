/**
 * An engine over a fresh SQLite file with a handler, a second handler, two leads and an admin, and
 * walks that bring a case to the state a test needs — through `dispatch`, as people would.
 */
import type { Money } from '../../src/domain/money.js';
import { dispatch } from '../../src/engine/dispatch.js';
import type { Engine } from '../../src/engine/engine.js';
import { openCase } from '../../src/engine/open-case.js';
import { createEngine } from '../../src/server.js';
import { loadCase, type CaseRecord } from '../../src/store/cases.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import type { Customer } from '../../src/domain/customer.js';
import { addUser, customer, FakeClock, rub, testConfig, type TestUser } from '../helpers.js';

export interface World {
  engine: Engine;
  clock: FakeClock;
  /** The DATABASE_URL of the engine's file, for a second handle on it. */
  url: string;
  handler: TestUser;
  otherHandler: TestUser;
  lead: TestUser;
  otherLead: TestUser;
  admin: TestUser;
  close(): Promise<void>;
}

/** The handler may grant 1000 ₽ alone; leads and the admin have no personal limit. */
export const HANDLER_LIMIT = rub(100_000);

export async function world(): Promise<World> {
  const clock = new FakeClock();
  const config = testConfig();
  const engine = await createEngine(config, clock.now);
  await migrateToLatest(engine.store.db);
  return {
    engine,
    clock,
    url: config.databaseUrl,
    handler: await addUser(engine, 'Ханна', 'handler', HANDLER_LIMIT),
    otherHandler: await addUser(engine, 'Харитон', 'handler', HANDLER_LIMIT),
    lead: await addUser(engine, 'Лена', 'lead'),
    otherLead: await addUser(engine, 'Лев', 'lead'),
    admin: await addUser(engine, 'Ада', 'admin'),
    close: () => engine.store.close(),
  };
}

export interface OpenOptions {
  scenario?: string;
  customer?: Partial<Customer>;
  currency?: Money['currency'];
}

/** A case owned by the handler, in compensate.choosing. property-damage budgets 10 000 ₽ for a free customer. */
export async function caseInChoosing(w: World, opts: OpenOptions = {}): Promise<string> {
  const { record } = await openCase(
    w.engine,
    {
      customer: customer(opts.customer),
      channel: 'phone',
      description: 'Разбили вазу при уборке',
      scenario: opts.scenario ?? 'property-damage',
      ...(opts.currency ? { currency: opts.currency } : {}),
    },
    w.handler.actor,
  );
  await dispatch(w.engine, record.id, { type: 'APOLOGIZE', channel: 'phone', text: 'Простите нас.' }, w.handler.actor);
  await dispatch(w.engine, record.id, { type: 'EXPLAIN', cause: 'спешка', prevention: 'инструктаж', text: 'Мы виноваты.' }, w.handler.actor);
  return record.id;
}

/** Offer `value` as `by`, have the customer accept it, issue it: the case ends in followUp. */
export async function issued(w: World, id: string, value: Money, by: TestUser = w.handler): Promise<CaseRecord> {
  const offered = await dispatch(w.engine, id, { type: 'OFFER', kind: 'credit', value }, by.actor);
  if (offered?.record.state === 'compensate.awaitingApproval') {
    const approver = by.id === w.lead.id ? w.otherLead : w.lead;
    await dispatch(w.engine, id, { type: 'APPROVE_OFFER', comment: 'согласовано' }, approver.actor);
  }
  await dispatch(w.engine, id, { type: 'CUSTOMER_ACCEPTED' }, w.handler.actor);
  const r = await dispatch(w.engine, id, { type: 'ISSUE' }, w.handler.actor);
  if (!r) throw new Error('ISSUE was not applied');
  return r.record;
}

export async function caseOf(w: World, id: string): Promise<CaseRecord> {
  const c = await loadCase(w.engine.store.db, id);
  if (!c) throw new Error(`case ${id} vanished`);
  return c;
}
