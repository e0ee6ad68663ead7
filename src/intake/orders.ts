import type { OrderInput } from '../domain/rating.js';
import { SYSTEM } from '../domain/roles.js';
import { dispatch } from '../engine/dispatch.js';
import { nowIso, type Engine } from '../engine/engine.js';
import { resolvedCasesOfCustomer } from '../store/cases.js';
import { inTransaction } from '../store/db.js';
import { findIntakeAnswer, saveIntakeAnswer } from '../store/intake-requests.js';
import { KeyedLock } from './lock.js';

export interface OrderAnswer {
  wonBack: Array<{ id: string; ref: string }>;
}

const DAY_MS = 86_400_000;
const customers = new KeyedLock();

/**
 * A new order: every case of this customer resolved within the window before it is won back
 * (ORDER_PLACED, as the system). Customers with no such case are ignored. The same order twice gets
 * the first answer.
 */
export async function takeOrder(engine: Engine, o: OrderInput, windowDays: number): Promise<OrderAnswer> {
  const key = `order:${o.orderId}`;
  return customers.run(o.customerId, async () => {
    const prior = await findIntakeAnswer<OrderAnswer>(engine.store.db, key);
    if (prior) return prior;
    const placed = new Date(o.placedAt);
    const since = new Date(placed.getTime() - windowDays * DAY_MS).toISOString();
    const candidates = (await resolvedCasesOfCustomer(engine.store.db, o.customerId, since)).filter((c) => c.resolvedAt !== null && c.resolvedAt <= placed.toISOString());
    const wonBack: OrderAnswer['wonBack'] = [];
    for (const c of candidates) {
      // The rating's own order does not win anyone back.
      if (c.orderId === o.orderId) continue;
      const result = await dispatch(engine, c.id, { type: 'ORDER_PLACED', orderId: o.orderId }, SYSTEM);
      if (result) wonBack.push({ id: c.id, ref: c.ref });
    }
    const answer = { wonBack };
    await inTransaction(engine.store, (trx) => saveIntakeAnswer(trx, key, answer, nowIso(engine)));
    return answer;
  });
}
