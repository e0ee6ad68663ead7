import { DateTime } from 'luxon';
import { at, hoursOn, schedulesOf, type Calendar, type Schedule } from './calendar.js';

/** One schedule's opening, as UTC milliseconds: `by` is `team` (the main calendar) or a rota's name. */
export interface Shift {
  by: string;
  start: number;
  end: number;
}

/** A stretch of time when at least one schedule is open, with every shift that makes it up. */
export interface Covered {
  start: number;
  end: number;
  shifts: Shift[];
}

const DAY_MS = 86_400_000;
/**
 * Openings are computed a UTC week at a time and kept: a deadline is planned for every event that
 * opens or moves a case, and luxon's zone arithmetic costs far more than reading a few numbers.
 */
export const BLOCK_MS = 7 * DAY_MS;
/** Blocks kept per calendar before the cache starts over (about eight years). */
const MAX_BLOCKS = 420;

interface Block {
  /** Every shift inside the block, clipped to it, by start. */
  shifts: Shift[];
  /** Their union: disjoint [start, end) pairs, by start. */
  merged: Array<readonly [number, number]>;
}

interface Compiled {
  schedules: Schedule[];
  blocks: Map<number, Block>;
}

// Keyed by the calendar object: callers pass the same object while it is the team's (team-calendar.ts).
const compiled = new WeakMap<Calendar, Compiled>();

function compiledOf(cal: Calendar): Compiled {
  let c = compiled.get(cal);
  if (!c) {
    c = { schedules: schedulesOf(cal), blocks: new Map() };
    compiled.set(cal, c);
  }
  return c;
}

/** The block a UTC instant falls in (blocks are aligned on the epoch). */
export const blockOf = (ms: number): number => Math.floor(ms / BLOCK_MS);

/** Openings within block `k` of every schedule of the calendar, and their union. */
export function blockAt(cal: Calendar, k: number): Block {
  const c = compiledOf(cal);
  let b = c.blocks.get(k);
  if (!b) {
    b = computeBlock(c.schedules, k);
    if (c.blocks.size >= MAX_BLOCKS) c.blocks.clear();
    c.blocks.set(k, b);
  }
  return b;
}

function computeBlock(schedules: Schedule[], k: number): Block {
  const from = k * BLOCK_MS;
  const to = from + BLOCK_MS;
  const shifts: Shift[] = [];
  for (const s of schedules) {
    // From the day before (its window may reach into the block: a night shift, a 25-hour day) to the
    // local date of the block's end. Dates are walked in plain arithmetic; luxon only places the
    // opening and closing of a day that has hours.
    const first = DateTime.fromMillis(from, { zone: s.timeZone }).minus({ days: 1 });
    const last = DateTime.fromMillis(to, { zone: s.timeZone }).toISODate() as string;
    for (let i = 0; ; i++) {
      const date = new Date(Date.UTC(first.year, first.month - 1, first.day + i));
      const iso = date.toISOString().slice(0, 10);
      if (iso > last) break;
      const w = hoursOn(s, iso, ((date.getUTCDay() + 6) % 7) + 1);
      if (!w) continue;
      const day = DateTime.fromObject({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }, { zone: s.timeZone }).startOf('day');
      const start = Math.max(at(day, w.from).toMillis(), from);
      const end = Math.min(at(day, w.to).toMillis(), to);
      if (end > start) shifts.push({ by: s.name, start, end });
    }
  }
  shifts.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Array<[number, number]> = [];
  for (const s of shifts) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last[1]) last[1] = Math.max(last[1], s.end);
    else merged.push([s.start, s.end]);
  }
  return { shifts, merged };
}

/**
 * When the team is covered between two instants: the union of every schedule's openings, each
 * stretch with the shifts that make it up (a shift cut by the span is cut too).
 */
export function coverage(cal: Calendar, fromMs: number, toMs: number): Covered[] {
  const out: Covered[] = [];
  for (let k = blockOf(fromMs); k * BLOCK_MS < toMs; k++) {
    for (const s of blockAt(cal, k).shifts) {
      const start = Math.max(s.start, fromMs);
      const end = Math.min(s.end, toMs);
      if (end <= start) continue;
      const last = out[out.length - 1];
      if (last && start <= last.end) {
        last.end = Math.max(last.end, end);
        // A shift cut at a block's edge continues in the next block: join the two halves again.
        const same = last.shifts.find((x) => x.by === s.by && x.end === start);
        if (same) same.end = end;
        else last.shifts.push({ by: s.by, start, end });
      } else out.push({ start, end, shifts: [{ by: s.by, start, end }] });
    }
  }
  return out;
}

/** Which schedules (`team`, rota names) are open at an instant. */
export function openAt(cal: Calendar, ms: number): string[] {
  const open = new Set<string>();
  for (const s of blockAt(cal, blockOf(ms)).shifts) if (s.start <= ms && ms < s.end) open.add(s.by);
  return [...open];
}
