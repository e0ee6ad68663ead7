import { DateTime } from 'luxon';
import type { Calendar } from './calendar.js';
import { BLOCK_MS, blockAt, blockOf } from './coverage.js';

/** Far enough for any playbook; a calendar with no working day in it is a configuration error. */
const MAX_DAYS = 3 * 366;
const MAX_BLOCKS = Math.ceil((MAX_DAYS * 86_400_000) / BLOCK_MS) + 1;

function instant(iso: string): number {
  // The common case, ISO UTC as the store writes it, without luxon; anything else as luxon reads it.
  const ms = iso.endsWith('Z') ? Date.parse(iso) : DateTime.fromISO(iso, { zone: 'utc' }).toMillis();
  if (Number.isNaN(ms)) throw new RangeError(`cannot compute a due time from ${iso}`);
  return ms;
}

/**
 * The instant `ms` of working time after `fromIso`, counting the time when the main calendar or any
 * of its rotas is open (overlaps once). A start outside hours waits for the next opening; a target
 * that ends exactly at closing stays there.
 * @example addBusinessTime('2026-11-27T14:30:00Z', 4 * 3_600_000, moscow) // Fri 17:30 MSK → '2026-11-30T09:30:00.000Z' (Mon 12:30)
 */
export function addBusinessTime(fromIso: string, ms: number, cal: Calendar): string {
  const start = instant(fromIso);
  let left = Math.max(0, Math.round(ms));
  const first = blockOf(start);
  for (let k = first; k < first + MAX_BLOCKS; k++) {
    for (const [open, close] of blockAt(cal, k).merged) {
      if (close <= start) continue;
      const from = Math.max(open, start);
      const available = close - from;
      if (left <= available) return new Date(from + left).toISOString();
      left -= available;
    }
  }
  throw new RangeError(`the calendar has no working time within ${MAX_DAYS} days of ${fromIso}`);
}

/** Working time between two instants, the union of every open calendar (zero when `toIso` is not after `fromIso`). */
export function businessMsBetween(fromIso: string, toIso: string, cal: Calendar): number {
  const start = instant(fromIso);
  const end = instant(toIso);
  let total = 0;
  for (let k = blockOf(start); k * BLOCK_MS < end; k++) {
    for (const [open, close] of blockAt(cal, k).merged) {
      const a = Math.max(open, start);
      const b = Math.min(close, end);
      if (b > a) total += b - a;
    }
  }
  return total;
}
