import type { IANAZone } from 'luxon';
import { computeOffset } from '../../src/sla/zone-offsets.js';

const HOUR = 3_600_000;

/** Every instant in [from, to) where the zone's offset changes, to the millisecond, found by bisection between hours (luxon's uncached offsets). */
export function offsetTransitions(zone: IANAZone, from: number, to: number): number[] {
  const found: number[] = [];
  for (let t = from; t < to; t += HOUR) {
    let [lo, hi] = [t, t + HOUR];
    if (computeOffset.call(zone, lo) === computeOffset.call(zone, hi)) continue;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (computeOffset.call(zone, mid) === computeOffset.call(zone, lo)) lo = mid;
      else hi = mid;
    }
    found.push(hi);
  }
  return found;
}
