import { IANAZone, Info, type Zone } from 'luxon';

/**
 * Luxon asks Intl for a zone's offset (`formatToParts`) every time it places an instant in an IANA
 * zone, several times per event (deadlines, follow-up dates, dates in messages), and that call
 * dominated its cost. An offset changes only at a transition, and every transition since 1980 falls on
 * a whole UTC minute, so offsets are remembered per zone and minute. Earlier instants (LMT offsets
 * with seconds) are computed as before.
 */
const SINCE = Date.UTC(1980, 0, 1);
const MAX_PER_ZONE = 4096;
const remembered = new Map<string, Map<number, number>>();
/** Luxon's own computation, uncached (tests compare against it). */
export const computeOffset: (this: IANAZone, ts: number) => number = IANAZone.prototype.offset;
const compute = computeOffset;

IANAZone.prototype.offset = function offset(this: IANAZone, ts: number): number {
  if (!(ts >= SINCE)) return compute.call(this, ts);
  let byMinute = remembered.get(this.name);
  if (!byMinute) {
    byMinute = new Map();
    remembered.set(this.name, byMinute);
  }
  const minute = Math.floor(ts / 60_000);
  let o = byMinute.get(minute);
  if (o === undefined) {
    o = compute.call(this, ts);
    if (byMinute.size >= MAX_PER_ZONE) byMinute.clear();
    byMinute.set(minute, o);
  }
  return o;
};

const zones = new Map<string, Zone | null>();

/**
 * Luxon's zone for a name, or null when the name is no valid zone; asked once per name (normalising
 * a name builds a new zone object each time). Bounded: zone names come from people and customers.
 */
export function zoneNamed(name: string): Zone | null {
  let z = zones.get(name);
  if (z === undefined) {
    const n = Info.normalizeZone(name);
    z = n.isValid ? n : null;
    if (zones.size < 100) zones.set(name, z);
  }
  return z;
}
