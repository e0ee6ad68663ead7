/**
 * A realistic history of N cases through the real write path (openCase and dispatch, each event its
 * own commit at its own time), spread over the months before `now`: first responses within minutes
 * to hours, offers and recoveries, follow-ups with ratings, reopens, win-backs and losses, re-ratings
 * with thanks; the newest cases are still open. Deterministic for a given seed.
 *
 * Cases run side by side in lanes; each lane is the same engine with its own clock (a case's events
 * happen at that case's times), so group commit lets one fsync carry many lanes' events.
 */
import { dispatch } from '../engine/dispatch.js';
import type { Engine } from '../engine/engine.js';
import { openCase } from '../engine/open-case.js';
import { rerate } from '../engine/rerate.js';
import type { Actor } from '../domain/roles.js';
import type { Currency } from '../domain/money.js';
import type { Scenario } from '../../workflows/scenarios/index.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** mulberry32: a small seeded generator, so the same N gives the same history. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface HistoryOptions {
  cases: number;
  now: Date;
  /** How far back the history reaches. */
  days?: number;
  seed?: number;
  lanes?: number;
}

export interface HistoryPeople {
  lead: Actor;
  handlers: Actor[];
}

const DESCRIPTIONS = ['Клинер опоздал на час', 'Разбили вазу при уборке', 'Списали деньги дважды', 'Курьер перепутал подъезд', 'Не пришёл мастер', 'Плохо убрали кухню', 'The cleaner was rude', 'Order arrived damaged'];

export async function seedHistory(engine: Engine, people: HistoryPeople, opts: HistoryOptions): Promise<{ cases: number; events: number }> {
  const rnd = random(opts.seed ?? 42);
  const scenarios = [...engine.catalog.values()];
  const span = (opts.days ?? 180) * DAY;
  const lanes = opts.lanes ?? 16;
  let events = 0;
  let next = 0;
  // Plans are drawn up front from one generator, so lanes running side by side do not change them.
  const plans = Array.from({ length: opts.cases }, (_, i) => planCase(rnd, scenarios, people, opts.now.getTime() - span + Math.floor(((i + rnd()) / opts.cases) * span)));
  const lane = async () => {
    let at = 0;
    const local: Engine = { ...engine, clock: () => new Date(at) };
    for (let i = next++; i < plans.length; i = next++) {
      const n = await runCase(local, (t) => (at = t), plans[i] as CasePlan, opts.now.getTime(), engine.config.currency, people.lead);
      events += n;
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return { cases: opts.cases, events };
}

interface CasePlan {
  openedAt: number;
  scenario: Scenario;
  owner: Actor;
  description: string;
  tier: 'free' | 'paid' | 'vip';
  steps: Array<{ after: number; event: Record<string, unknown>; by: 'owner' | 'lead' } | { after: number; rerate: { rating: 'good' | 'neutral' | 'bad'; comment?: string } }>;
}

function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)] as T;
}

function planCase(rnd: () => number, scenarios: Scenario[], people: HistoryPeople, openedAt: number): CasePlan {
  // A few playbooks take most cases, as in life: the first ones of the catalog are drawn more often.
  const scenario = scenarios[Math.floor(scenarios.length * rnd() * rnd())] as Scenario;
  const steps: CasePlan['steps'] = [];
  let t = 0;
  const step = (after: number, event: Record<string, unknown>, by: 'owner' | 'lead' = 'owner') => {
    t += after;
    steps.push({ after: t, event, by });
  };
  if (scenario.tone === 'conflict') step(10 * MIN + rnd() * 2 * HOUR, { type: 'CALL_LOGGED', summary: 'Позвонили, выслушали' });
  step(5 * MIN + rnd() * rnd() * 8 * HOUR, { type: 'APOLOGIZE', channel: 'phone', text: 'Простите нас, это наша ошибка.' });
  step(HOUR + rnd() * 20 * HOUR, { type: 'EXPLAIN', cause: 'Сбой в планировании', prevention: 'Поменяли порядок работы', text: 'Мы виноваты и уже исправляем.' });
  const compensate = () => {
    if (rnd() < 0.6) {
      const value = 1_000 * (5 + Math.floor(rnd() * 25));
      step(HOUR + rnd() * 10 * HOUR, { type: 'OFFER', kind: pick(rnd, ['credit', 'refund', 'gift', 'extraService'] as const), value, __value: true });
      if (rnd() < 0.85) {
        step(HOUR + rnd() * DAY, { type: 'CUSTOMER_ACCEPTED' });
        step(10 * MIN + rnd() * 4 * HOUR, { type: 'ISSUE' });
        if (scenario.recovery && rnd() < 0.3) step(HOUR + rnd() * DAY, { type: 'RECORD_RECOVERY', executorId: `exec-${Math.floor(rnd() * 40)}`, amount: Math.round(value * 0.3), __amount: true }, 'lead');
        return;
      }
      step(HOUR + rnd() * DAY, { type: 'CUSTOMER_DECLINED', reason: 'Не нужно' });
    }
    step(HOUR + rnd() * 4 * HOUR, { type: 'SKIP_COMPENSATION', reason: 'Клиенту достаточно извинений', notify: false });
  };
  compensate();
  const rating = () => (rnd() < 0.6 ? 'good' : rnd() < 0.6 ? 'neutral' : 'bad');
  step(2 * DAY + rnd() * 3 * DAY, { type: 'FOLLOW_UP', text: 'Всё ли теперь хорошо?', rating: rating() });
  if (rnd() < 0.08) {
    step(HOUR + rnd() * 3 * DAY, { type: 'REOPEN', reason: 'Клиент снова недоволен' });
    step(HOUR + rnd() * 10 * HOUR, { type: 'EXPLAIN', cause: 'Не доделали', prevention: 'Проверяем работу', text: 'Мы снова разобрались.' });
    step(HOUR, { type: 'SKIP_COMPENSATION', reason: 'Уже возместили', notify: false });
    step(DAY + rnd() * 2 * DAY, { type: 'FOLLOW_UP', text: 'А теперь?', rating: rating() });
  }
  const fate = rnd();
  if (fate < 0.1) {
    t += HOUR + rnd() * 5 * DAY;
    steps.push({ after: t, rerate: rnd() < 0.5 ? { rating: 'good', comment: 'Спасибо, что разобрались!' } : { rating: rating() } });
  }
  if (fate < 0.45) step(DAY + rnd() * 20 * DAY, { type: 'ORDER_PLACED', orderId: `ord-${Math.floor(rnd() * 1e9)}` }, 'lead');
  else if (fate < 0.6) step(10 * DAY + rnd() * 20 * DAY, { type: 'CLOSE_LOST', reason: 'Клиент не вернулся' }, 'lead');
  return { openedAt, scenario, owner: pick(rnd, people.handlers), description: pick(rnd, DESCRIPTIONS), tier: pick(rnd, ['free', 'free', 'free', 'paid', 'vip'] as const), steps };
}

/** Open the case and play its steps up to `now`; a step the case refuses (e.g. the playbook differs) ends it there. */
async function runCase(engine: Engine, setClock: (t: number) => void, plan: CasePlan, now: number, currency: Currency, lead: Actor): Promise<number> {
  setClock(plan.openedAt);
  const { record } = await openCase(
    engine,
    {
      customer: { id: `cust-${Math.floor(plan.openedAt / 1000) % 100_000}`, name: 'Клиент', locale: 'ru', timeZone: 'Europe/Moscow', tier: plan.tier },
      channel: 'phone',
      description: plan.description,
      scenario: plan.scenario.id,
      ownerId: plan.owner.id,
    },
    plan.owner,
  );
  let events = 1;
  for (const s of plan.steps) {
    const at = plan.openedAt + s.after;
    if (at >= now) break;
    setClock(at);
    try {
      if ('rerate' in s) {
        await rerate(engine, record.id, { ...s.rerate, source: 'statusPage' });
      } else {
        const { __value, __amount, ...event } = s.event;
        if (__value) event.value = { minor: event.value, currency };
        if (__amount) event.amount = { minor: event.amount, currency };
        const r = await dispatch(engine, record.id, event, s.by === 'lead' ? lead : plan.owner);
        // Above a limit or a budget: the lead approves, as a lead would.
        if (r?.record.state === 'compensate.awaitingApproval') await dispatch(engine, record.id, { type: 'APPROVE_OFFER', comment: 'согласовано' }, lead);
      }
      events++;
    } catch {
      break;
    }
  }
  return events;
}
