/**
 * `npx tsx test/bench/business-time.ts`: what one business-time deadline costs on the hot path
 * (every event that plans a timer), for the default Moscow calendar and with three rotas, and what
 * the first computation of a week costs before its openings are cached. Never part of `npm test`.
 */
import { businessDueAt } from '../../src/sla/deadlines.js';
import { Calendar, defaultCalendar, type Rota } from '../../src/sla/calendar.js';

const NINE_TO_SIX = { from: '09:00', to: '18:00' };
const WEEK = { mon: NINE_TO_SIX, tue: NINE_TO_SIX, wed: NINE_TO_SIX, thu: NINE_TO_SIX, fri: NINE_TO_SIX, sat: null, sun: null };
const rota = (name: string, timeZone: string): Rota => ({ name, timeZone, hours: WEEK });
const moscow = defaultCalendar('Europe/Moscow');
const rotas = Calendar.parse({ ...moscow, rotas: [rota('novosibirsk', 'Asia/Novosibirsk'), rota('berlin', 'Europe/Berlin'), rota('vladivostok', 'Asia/Vladivostok')] });

const start = Date.parse('2026-11-27T14:30:00Z');
const N = 50_000;

function perCall(cal: Calendar, duration: string): number {
  const t0 = performance.now();
  for (let i = 0; i < N; i++) businessDueAt(new Date(start + (i % 2000) * 60_000).toISOString(), duration, 'free', cal);
  return ((performance.now() - t0) * 1000) / N;
}

function firstCall(make: () => Calendar): number {
  const runs = 20;
  let total = 0;
  for (let i = 0; i < runs; i++) {
    const cal = make(); // a new object: nothing cached yet
    const t0 = performance.now();
    businessDueAt('2026-11-27T14:30:00.000Z', 'PT4H', 'free', cal);
    total += performance.now() - t0;
  }
  return (total / runs) * 1000;
}

for (const [label, cal] of [['Moscow', moscow], ['Moscow + 3 rotas', rotas]] as const) {
  for (const d of ['PT30M', 'PT4H', 'P2D']) console.log(`${label.padEnd(18)} ${d.padEnd(6)} ${perCall(cal, d).toFixed(2).padStart(8)} µs/call (cached weeks)`);
  console.log(`${label.padEnd(18)} first  ${firstCall(() => structuredClone(cal)).toFixed(0).padStart(8)} µs (computing the weeks it touches)`);
}
