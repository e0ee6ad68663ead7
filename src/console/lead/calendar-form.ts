/**
 * The calendar page's forms, both ways: a schedule (the team calendar or a rota) as form fields, and
 * posted fields back as the calendar's shape, with zod's complaints turned into the form's own words.
 */
import type { z } from 'zod';
import type { Locale } from '../../domain/customer.js';
import { WEEKDAYS, type Calendar, type Rota, type Weekday, type Window } from '../../sla/calendar.js';
import { t } from '../i18n.js';

/** What a schedule's form shows: the fields as typed, and what is wrong with them. */
export interface ScheduleForm {
  zone: string;
  name: string;
  days: Array<{ key: Weekday; label: string; from: string; to: string; fromBad: boolean; toBad: boolean; error: string | undefined }>;
  holidays: string;
  workingDays: string;
  transferFrom: string;
  transferTo: string;
  /** Field name → what is wrong, in the reader's language. */
  errors: Record<string, string>;
}

type Fields = Record<string, string>;

/** Posted fields as plain strings (anything else, e.g. a repeated field, becomes empty). */
export function fieldsOf(body: unknown): Fields {
  return Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
}

/** The fields of a stored schedule (the team calendar, or a rota with its own zone and name). */
export function fieldsOfSchedule(s: Calendar | Rota): Fields {
  const f: Fields = { zone: s.timeZone, name: 'name' in s ? s.name : '', holidays: (s.holidays ?? []).join('\n'), workingDays: (s.workingDays ?? []).join('\n') };
  for (const d of WEEKDAYS) {
    f[`${d}_from`] = s.hours[d]?.from ?? '';
    f[`${d}_to`] = s.hours[d]?.to ?? '';
  }
  f.transfer_from = s.transferHours?.from ?? '';
  f.transfer_to = s.transferHours?.to ?? '';
  return f;
}

export function scheduleForm(locale: Locale, f: Fields, errors: Record<string, string> = {}): ScheduleForm {
  return {
    zone: f.zone ?? '',
    name: f.name ?? '',
    days: WEEKDAYS.map((d) => ({
      key: d,
      label: t(locale, `calendar.day.${d}`),
      from: f[`${d}_from`] ?? '',
      to: f[`${d}_to`] ?? '',
      fromBad: `${d}_from` in errors,
      toBad: `${d}_to` in errors,
      error: errors[`${d}_from`] ?? errors[`${d}_to`],
    })),
    holidays: f.holidays ?? '',
    workingDays: f.workingDays ?? '',
    transferFrom: f.transfer_from ?? '',
    transferTo: f.transfer_to ?? '',
    errors,
  };
}

/** "9:00" and "9.00" read as "09:00"; anything else is left for the schema to refuse. */
function clock(v: string | undefined): string {
  const s = (v ?? '').trim();
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(s);
  return m ? `${(m[1] as string).padStart(2, '0')}:${m[2]}` : s;
}

/** Dates one per line (commas and spaces separate too), sorted, each once. */
function dates(v: string | undefined): string[] {
  return [...new Set((v ?? '').split(/[\s,;]+/).filter(Boolean))].sort();
}

function windowOf(from: string | undefined, to: string | undefined): Window | null {
  const a = clock(from);
  const b = clock(to);
  return a === '' && b === '' ? null : { from: a, to: b };
}

/** Posted fields as the team calendar's own part (its rotas stay as they are). */
export function mainFromFields(f: Fields, rotas: Rota[] | undefined): unknown {
  return {
    timeZone: (f.zone ?? '').trim(),
    hours: Object.fromEntries(WEEKDAYS.map((d) => [d, windowOf(f[`${d}_from`], f[`${d}_to`])])),
    holidays: dates(f.holidays),
    workingDays: dates(f.workingDays),
    // The team calendar needs transfer hours; left empty they fail as "HH:mm" on the field.
    transferHours: windowOf(f.transfer_from, f.transfer_to) ?? { from: '', to: '' },
    ...(rotas?.length ? { rotas } : {}),
  };
}

/** Posted fields as a rota; empty holidays, working days and transfer hours are left out (none / its hours). */
export function rotaFromFields(f: Fields, name: string): Record<string, unknown> {
  const holidays = dates(f.holidays);
  const workingDays = dates(f.workingDays);
  const transfer = windowOf(f.transfer_from, f.transfer_to);
  return {
    name,
    timeZone: (f.zone ?? '').trim(),
    hours: Object.fromEntries(WEEKDAYS.map((d) => [d, windowOf(f[`${d}_from`], f[`${d}_to`])])),
    ...(holidays.length ? { holidays } : {}),
    ...(workingDays.length ? { workingDays } : {}),
    ...(transfer ? { transferHours: transfer } : {}),
  };
}

/**
 * zod's issues about one schedule (`prefix`: [] for the team calendar, ['rotas', i] for a rota) as
 * form field → text in the reader's language. `posted` are the submitted dates, to name the bad line.
 */
export function formErrors(locale: Locale, issues: readonly z.core.$ZodIssue[], prefix: Array<string | number>, posted: { holidays: string[]; workingDays: string[] }): Record<string, string> {
  const errors: Record<string, string> = {};
  const say = (field: string, key: string, vars: Record<string, unknown> = {}) => {
    errors[field] ??= t(locale, `calendar.error.${key}`, vars);
  };
  for (const issue of issues) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (path.length === 1 && path[0] === 'rotas') {
      say('name', 'tooMany');
      continue;
    }
    if (!prefix.every((p, i) => path[i] === p)) continue;
    const [head, second, third] = path.slice(prefix.length);
    if (head === 'timeZone') say('zone', 'zone');
    else if (head === 'name') say('name', issue.message.startsWith('another rota') ? 'nameTaken' : issue.message.includes('main calendar') ? 'nameReserved' : 'name');
    else if (head === 'hours' && typeof second === 'string') say(`${second}_${third === 'from' ? 'from' : 'to'}`, issue.code === 'custom' ? 'order' : 'clock');
    else if (head === 'hours') say('mon_from', 'noHours');
    else if ((head === 'holidays' || head === 'workingDays') && typeof second === 'number') {
      const list = head === 'holidays' ? posted.holidays : posted.workingDays;
      say(head, 'date', { value: list[second] ?? '' });
    } else if (head === 'holidays' || head === 'workingDays') say(head, 'tooManyDates');
    else if (head === 'transferHours') say(second === 'from' ? 'transfer_from' : 'transfer_to', issue.code === 'custom' ? 'order' : 'clock');
    else say('zone', 'other', { message: issue.message });
  }
  return errors;
}

/** The dates as posted (sorted, each once), to name a bad line in an error. */
export const postedDates = (f: Fields) => ({ holidays: dates(f.holidays), workingDays: dates(f.workingDays) });

/** Field names of a form in the reader's language, for the notice above it. */
export function fieldLabels(locale: Locale, errors: Record<string, string>): string {
  return Object.keys(errors)
    .map((field) => {
      const m = /^(mon|tue|wed|thu|fri|sat|sun|transfer)_(from|to)$/.exec(field);
      if (m) return `${t(locale, m[1] === 'transfer' ? 'calendar.transfer' : `calendar.day.${m[1]}`)} (${t(locale, `calendar.${m[2]}`)})`;
      return t(locale, `calendar.field.${field}`);
    })
    .join(', ');
}
