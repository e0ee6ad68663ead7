import type { Locale } from '../domain/customer.js';
import { humanSpan } from '../sla/human-due.js';

/**
 * How long until a deadline, as a handler reads it at a glance.
 * @example timeLeft('2026-11-25T09:35:00Z', '2026-11-25T09:00:00Z', 'ru') // 'осталось 35 мин'
 * @example timeLeft('2026-11-25T07:00:00Z', '2026-11-25T09:00:00Z', 'en') // 'overdue by 2 h'
 */
export function timeLeft(dueIso: string, nowIso: string, locale: Locale): string {
  const left = Date.parse(dueIso) - Date.parse(nowIso);
  const span = humanSpan(left, locale);
  if (left >= 0) return locale === 'ru' ? `осталось ${span}` : `due in ${span}`;
  return locale === 'ru' ? `просрочено на ${span}` : `overdue by ${span}`;
}

export function isOverdue(dueIso: string | null, nowIso: string): boolean {
  return dueIso !== null && Date.parse(dueIso) < Date.parse(nowIso);
}
