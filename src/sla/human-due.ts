import { DateTime, type Zone } from 'luxon';
import type { Locale } from '../domain/customer.js';
import { computeOffset, zoneNamed } from './zone-offsets.js';

const UNITS: Record<Locale, { d: string; h: string; m: string }> = {
  ru: { d: 'д', h: 'ч', m: 'мин' },
  en: { d: 'd', h: 'h', m: 'min' },
};

/** A span of time in at most two units, rounded up to the minute: "1 ч 30 мин", "3 d 4 h". */
export function humanSpan(ms: number, locale: Locale): string {
  const u = UNITS[locale];
  const minutes = Math.max(1, Math.ceil(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} ${u.d} ${hours} ${u.h}` : `${days} ${u.d}`;
  if (hours > 0) return mins > 0 ? `${hours} ${u.h} ${mins} ${u.m}` : `${hours} ${u.h}`;
  return `${mins} ${u.m}`;
}

function sentence(when: string, left: number, locale: Locale): string {
  const span = humanSpan(left, locale);
  if (locale === 'ru') return left >= 0 ? `до ${when} (через ${span})` : `до ${when} (просрочено на ${span})`;
  return left >= 0 ? `by ${when} (in ${span})` : `by ${when} (overdue by ${span})`;
}

/** The definition, in luxon: every instant the fast path below cannot vouch for is said this way (tests compare the two). */
export function humanDueLuxon(dueIso: string, nowIso: string, zone: string, locale: Locale): string {
  const due = DateTime.fromISO(dueIso, { zone: 'utc' }).setZone(zone).setLocale(locale);
  const now = DateTime.fromISO(nowIso, { zone: 'utc' }).setZone(zone);
  const sameDay = due.hasSame(now, 'day');
  const when = sameDay ? due.toFormat('HH:mm') : `${due.toFormat(locale === 'ru' ? 'd MMM' : 'MMM d')}, ${due.toFormat('HH:mm')}`;
  return sentence(when, due.toMillis() - now.toMillis(), locale);
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** An instant luxon reads exactly like Date does: UTC, to the millisecond. */
const PLAIN_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/;

/** Luxon's short month names per locale, asked once: `MMM` depends on the month alone. */
const monthNames = new Map<Locale, string[]>();
function monthName(locale: Locale, month: number): string {
  let names = monthNames.get(locale);
  if (!names) {
    names = Array.from({ length: 12 }, (_, i) => DateTime.utc(2001, i + 1, 15).setLocale(locale).toFormat('MMM'));
    monthNames.set(locale, names);
  }
  return names[month] ?? '';
}

/**
 * The zone's offset where it holds still from a day before the UTC day of `ts` to a day after it, or
 * null. Sampled hourly (no zone changes offset and back within an hour), remembered per zone and day.
 * Away from a transition, local time is plain arithmetic and "the same day" is the same local date;
 * near one luxon's own rules (which offset an ambiguous midnight takes) decide.
 */
const steady = new Map<Zone, Map<number, number | null>>();
const MAX_DAYS = 1024;
function steadyOffset(zone: Zone, ts: number): number | null {
  let byDay = steady.get(zone);
  if (!byDay) {
    byDay = new Map();
    steady.set(zone, byDay);
  }
  const day = Math.floor(ts / DAY);
  let o = byDay.get(day);
  if (o === undefined) {
    const offset = (t: number) => (zone.type === 'iana' ? computeOffset.call(zone as never, t) : zone.offset(t));
    o = offset((day - 1) * DAY);
    for (let t = (day - 1) * DAY + HOUR; t <= (day + 2) * DAY && o !== null; t += HOUR) if (offset(t) !== o) o = null;
    if (byDay.size >= MAX_DAYS) byDay.clear();
    byDay.set(day, o);
  }
  return o;
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * When a step is due, as a handler reads it: the wall time in the team's zone (with the date when it
 * is not today) and how long is left, or how long ago it passed. The same text as `humanDueLuxon`,
 * without luxon's cost on the common path (a DateTime per field, a case view says it several times).
 * @example humanDue('2026-11-25T10:30:00Z', '2026-11-25T09:00:00Z', 'Europe/Moscow', 'ru') // 'до 13:30 (через 1 ч 30 мин)'
 */
export function humanDue(dueIso: string, nowIso: string, zone: string, locale: Locale): string {
  const z = zoneNamed(zone);
  if (!z || !PLAIN_UTC.test(dueIso) || !PLAIN_UTC.test(nowIso)) return humanDueLuxon(dueIso, nowIso, zone, locale);
  const dueTs = Date.parse(dueIso);
  const nowTs = Date.parse(nowIso);
  const offset = steadyOffset(z, dueTs);
  if (offset === null || steadyOffset(z, nowTs) !== offset) return humanDueLuxon(dueIso, nowIso, zone, locale);
  const due = new Date(dueTs + offset * 60 * 1000);
  const now = new Date(nowTs + offset * 60 * 1000);
  const time = `${two(due.getUTCHours())}:${two(due.getUTCMinutes())}`;
  const sameDay = due.getUTCFullYear() === now.getUTCFullYear() && due.getUTCMonth() === now.getUTCMonth() && due.getUTCDate() === now.getUTCDate();
  const month = monthName(locale, due.getUTCMonth());
  const date = locale === 'ru' ? `${due.getUTCDate()} ${month}` : `${month} ${due.getUTCDate()}`;
  return sentence(sameDay ? time : `${date}, ${time}`, dueTs - nowTs, locale);
}

/** Said where the step has no deadline to show. */
const NO_DUE: Record<Locale, string> = { ru: 'как можно скорее', en: 'as soon as possible' };

/** Put the step's due time where a text says `{due}`; texts never name a duration themselves. */
export function fillDue(text: string, dueIso: string | null, nowIso: string, zone: string, locale: Locale): string {
  if (!text.includes('{due}')) return text;
  const due = dueIso ? humanDue(dueIso, nowIso, zone, locale) : NO_DUE[locale];
  return text.replaceAll('{due}', due);
}
