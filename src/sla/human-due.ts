import { DateTime } from 'luxon';
import type { Locale } from '../domain/customer.js';

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

/**
 * When a step is due, as a handler reads it: the wall time in the team's zone (with the date when it
 * is not today) and how long is left, or how long ago it passed.
 * @example humanDue('2026-11-25T10:30:00Z', '2026-11-25T09:00:00Z', 'Europe/Moscow', 'ru') // 'до 13:30 (через 1 ч 30 мин)'
 */
export function humanDue(dueIso: string, nowIso: string, zone: string, locale: Locale): string {
  const due = DateTime.fromISO(dueIso, { zone: 'utc' }).setZone(zone).setLocale(locale);
  const now = DateTime.fromISO(nowIso, { zone: 'utc' }).setZone(zone);
  const sameDay = due.hasSame(now, 'day');
  const when = sameDay ? due.toFormat('HH:mm') : `${due.toFormat(locale === 'ru' ? 'd MMM' : 'MMM d')}, ${due.toFormat('HH:mm')}`;
  const left = due.toMillis() - now.toMillis();
  const span = humanSpan(left, locale);
  if (locale === 'ru') return left >= 0 ? `до ${when} (через ${span})` : `до ${when} (просрочено на ${span})`;
  return left >= 0 ? `by ${when} (in ${span})` : `by ${when} (overdue by ${span})`;
}

/** Said where the step has no deadline to show. */
const NO_DUE: Record<Locale, string> = { ru: 'как можно скорее', en: 'as soon as possible' };

/** Put the step's due time where a text says `{due}`; texts never name a duration themselves. */
export function fillDue(text: string, dueIso: string | null, nowIso: string, zone: string, locale: Locale): string {
  if (!text.includes('{due}')) return text;
  const due = dueIso ? humanDue(dueIso, nowIso, zone, locale) : NO_DUE[locale];
  return text.replaceAll('{due}', due);
}
