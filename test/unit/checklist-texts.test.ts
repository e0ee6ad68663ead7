import { describe, expect, it } from 'vitest';
import { catalog } from '../../workflows/scenarios/index.js';
import { fillDue, humanDue, humanSpan } from '../../src/sla/human-due.js';

/** A quantity of time in words or digits: the deadline, not the text, says how long a step takes. */
const DURATION = [
  /\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|a few|several|half an?)\s+(business\s+|working\s+)?(second|minute|hour|day|week|month)s?\b/i,
  /\b(within|in|during|for)\s+(the|an?)\s+(minute|hour|day|week|month)\b/i,
  /\b(tomorrow|tonight|next week)\b/i,
  /(\d+|одн|один|два|две|двух|три|трёх|трех|четыр|пят|шест|сем|восем|девят|десят|двадцат|тридцат|сорок|пол|несколько|нескольк)\S*\s+(рабоч\S*\s+)?(секунд|минут|час|дн|день|дня|суток|сутки|недел|месяц)/i,
  /в течение\s+(часа|дня|суток|недели|месяца)/i,
  /(завтра|послезавтра)/i,
];

function checklistTexts() {
  const out: Array<{ where: string; text: string }> = [];
  for (const s of catalog.values()) {
    for (const [step, items] of Object.entries(s.checklists)) {
      for (const item of items ?? []) {
        for (const [part, t] of [['do', item.do], ['say', item.say]] as const) {
          if (t) for (const locale of ['ru', 'en'] as const) out.push({ where: `${s.id}.${step}.${item.id}.${part}.${locale}`, text: t[locale] });
        }
      }
    }
  }
  return out;
}

describe('checklist texts take their time from the deadline', () => {
  it('names no duration in any checklist text of the catalog', () => {
    const naming = checklistTexts().filter(({ text }) => DURATION.some((re) => re.test(text)));
    expect(naming).toEqual([]);
  });

  it('puts {due} in both languages of an item or in neither', () => {
    for (const s of catalog.values()) {
      for (const items of Object.values(s.checklists)) {
        for (const item of items ?? []) {
          for (const t of [item.do, item.say]) if (t) expect(t.ru.includes('{due}'), `${s.id} ${item.id}`).toBe(t.en.includes('{due}'));
        }
      }
    }
  });

  it('recognises the texts it forbids', () => {
    const forbidden = ['Call the customer back within two hours', 'Call within the hour', 'Three days later, ask', 'Перезвоните в течение двух часов', 'Через три дня спросите', 'до 10 рабочих дней', 'by the end of tomorrow'];
    for (const text of forbidden) expect(DURATION.some((re) => re.test(text)), text).toBe(true);
  });
});

describe('humanDue', () => {
  const now = '2026-11-25T09:00:00.000Z'; // 12:00 in Moscow

  it('says the wall time in the team zone and what is left, in Russian and English', () => {
    expect(humanDue('2026-11-25T10:30:00.000Z', now, 'Europe/Moscow', 'ru')).toBe('до 13:30 (через 1 ч 30 мин)');
    expect(humanDue('2026-11-25T10:30:00.000Z', now, 'Europe/Moscow', 'en')).toBe('by 13:30 (in 1 h 30 min)');
  });

  it('adds the date when the step is not due today', () => {
    expect(humanDue('2026-11-28T09:00:00.000Z', now, 'Europe/Moscow', 'en')).toBe('by Nov 28, 12:00 (in 3 d)');
    expect(humanDue('2026-11-28T09:00:00.000Z', now, 'Europe/Moscow', 'ru')).toMatch(/^до 28 нояб\.?, 12:00 \(через 3 д\)$/);
  });

  it('says how late a step is once its time passed', () => {
    expect(humanDue('2026-11-25T08:40:00.000Z', now, 'Europe/Moscow', 'ru')).toBe('до 11:40 (просрочено на 20 мин)');
    expect(humanDue('2026-11-25T08:40:00.000Z', now, 'Europe/Moscow', 'en')).toBe('by 11:40 (overdue by 20 min)');
  });

  it('shows at most two units', () => {
    expect(humanSpan(26 * 3_600_000 + 5 * 60_000, 'en')).toBe('1 d 2 h');
    expect(humanSpan(2 * 3_600_000, 'ru')).toBe('2 ч');
    expect(humanSpan(30_000, 'en')).toBe('1 min');
  });

  it('fills {due}, and says "as soon as possible" where the step has no deadline', () => {
    expect(fillDue('Call {due}', '2026-11-25T10:00:00.000Z', now, 'Europe/Moscow', 'en')).toBe('Call by 13:00 (in 1 h)');
    expect(fillDue('Позвоните {due}', null, now, 'Europe/Moscow', 'ru')).toBe('Позвоните как можно скорее');
    expect(fillDue('No time here', null, now, 'Europe/Moscow', 'en')).toBe('No time here');
  });
});
