import { describe, expect, it } from 'vitest';
import { compileRules, lint } from '../../src/responses/lint.js';
import { smsSegments } from '../../src/responses/segments.js';
import { formatAmount, formatDay, formatMoment, pluralize } from '../../src/responses/format.js';

describe('SMS segments', () => {
  it('fit 160 GSM-7 characters in one segment and split longer texts into parts of 153', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(smsSegments('a'.repeat(306)).segments).toBe(2);
    expect(smsSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('count extension-table characters (€ [ ] { } ^ ~ | \\) as two septets and never split one across parts', () => {
    expect(smsSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsSegments('€'.repeat(81)).segments).toBe(2);
    // 152 plain septets then an escape pair: the pair does not fit the first part's last septet.
    expect(smsSegments(`${'a'.repeat(152)}€${'a'.repeat(152)}`).segments).toBe(3);
    expect(smsSegments('[]{}^~|\\').units).toBe(16);
  });

  it('send Cyrillic as UCS-2: 70 characters in one segment, 67 per part', () => {
    expect(smsSegments('я'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(smsSegments('я'.repeat(71)).segments).toBe(2);
    expect(smsSegments('я'.repeat(134)).segments).toBe(2);
    expect(smsSegments('я'.repeat(135)).segments).toBe(3);
  });

  it('switch a Latin text to UCS-2 for one character outside GSM-7, and keep emoji surrogate pairs whole', () => {
    expect(smsSegments('Sorry — we were late').encoding).toBe('UCS-2');
    expect(smsSegments(`${'a'.repeat(66)}😀`)).toEqual({ encoding: 'UCS-2', units: 68, segments: 1 });
    expect(smsSegments(`${'a'.repeat(70)}😀`).segments).toBe(2);
    expect(smsSegments(`${'a'.repeat(66)}😀${'a'.repeat(10)}`).segments).toBe(2);
    expect(smsSegments('').segments).toBe(0);
  });
});

describe('the blame lint', () => {
  it('flags "вы указали неверный адрес" in every form of the verb, with why and a better wording', () => {
    for (const text of ['Вы указали неверный адрес', 'вы указала неправильный адрес', 'Вы указал ошибочный номер квартиры', 'вы неверно указали адрес']) {
      const [finding] = lint('ru', text);
      expect(finding, text).toMatchObject({ kind: 'blame' });
      expect(finding?.why).toMatch(/клиент/);
      expect(finding?.suggestion).toMatch(/наша ошибка/);
    }
    expect(lint('ru', 'Мария, вы указали неверный адрес.')[0]?.phrase).toBe('вы указали неверный');
  });

  it('flags denial of fault, policy quotes, reproaches and cold openings in Russian', () => {
    const flagged = ['Это не наша вина', 'Мы не несём ответственности за пробки', 'Как мы уже писали, скидки нет', 'Согласно нашим правилам возврат невозможен', 'Благодарим за обращение, ваш тикет №4411', 'Уважаемый клиент!', 'Ваше обращение зарегистрировано', 'Вам следовало предупредить заранее', 'Вы не предупредили нас о собаке'];
    for (const text of flagged) expect(lint('ru', text).length, text).toBeGreaterThan(0);
    expect(lint('ru', 'Благодарим за обращение, ваш тикет №4411').map((f) => f.kind)).toEqual(['cold', 'cold']);
  });

  it('flags the same in English', () => {
    const flagged = ['You should have told us', 'As we already told you, no', 'Per our policy, no refunds', 'It is not our fault', "You didn't provide the code", 'Thank you for contacting us', 'Your ticket #123 was closed', 'Dear customer,', 'you entered the wrong address', 'Under our terms this is fine'];
    for (const text of flagged) expect(lint('en', text).length, text).toBeGreaterThan(0);
  });

  it('lets an honest apology through, including one that says the fault is not the customer’s', () => {
    expect(lint('ru', 'Мария, простите: мы опоздали, и это наша ошибка. Это не ваша вина, а наша.')).toEqual([]);
    expect(lint('en', "Maria, we are sorry: we were late, and that is our mistake. It's not your fault.")).toEqual([]);
    expect(lint('ru', 'Вы указали в заказе, что у вас кошка, и мы это учтём')).toEqual([]);
  });

  it('never joins words across a colon or a full stop into a phrase', () => {
    expect(lint('en', 'We are sorry the fee came as a surprise: we should have told you about it in advance.')).toEqual([]);
    expect(lint('en', 'As we already told you, no')).toHaveLength(1);
  });

  it('checks both languages at once when asked, whatever the customer speaks', () => {
    expect(lint('any', 'Мария, per our policy this is fine').map((f) => f.kind)).toEqual(['policy']);
    expect(lint('ru', 'Мария, per our policy this is fine')).toEqual([]);
  });

  it('reads its phrases from data: a list without rules is refused', () => {
    expect(() => compileRules({ gap: 2, rules: [] }, 'empty.json')).toThrow(/empty.json is invalid/);
    expect(compileRules({ gap: 0, rules: [{ kind: 'cold', match: 'ticket*', why: 'w', suggestion: 's' }] }, 'x')).toHaveLength(1);
  });
});

describe('formatting for the customer', () => {
  it('writes money in the customer’s locale without zero kopecks or cents', () => {
    expect(formatAmount({ minor: 50_000, currency: 'RUB' }, 'ru')).toBe('500 ₽');
    expect(formatAmount({ minor: 125_050, currency: 'RUB' }, 'ru')).toBe('1 250,50 ₽');
    expect(formatAmount({ minor: 1_250, currency: 'EUR' }, 'en')).toBe('€12.50');
    expect(formatAmount({ minor: 2_000, currency: 'USD' }, 'en')).toBe('$20');
  });

  it('uses Russian plural forms: 1 день, 2 дня, 5 дней, 11 дней, 21 день; English one/other', () => {
    const forms = ['день', 'дня', 'дней'];
    expect([1, 2, 5, 11, 21, 22].map((n) => pluralize(n, 'ru', forms))).toEqual(['1 день', '2 дня', '5 дней', '11 дней', '21 день', '22 дня']);
    expect([1, 3].map((n) => pluralize(n, 'en', ['day', 'days']))).toEqual(['1 day', '3 days']);
  });

  it('shows dates in the customer’s time zone and language', () => {
    // 20:00 UTC is already the next day in Yekaterinburg (UTC+5).
    expect(formatDay('2026-11-28T20:00:00.000Z', 'Asia/Yekaterinburg', 'ru')).toBe('29 ноября');
    expect(formatDay('2026-11-28T20:00:00.000Z', 'Europe/London', 'en')).toBe('November 28');
    expect(formatMoment('2026-11-28T20:00:00.000Z', 'Asia/Yekaterinburg', 'ru')).toBe('29 ноября в 01:00');
    expect(() => formatDay('not a date', 'UTC', 'en')).toThrow();
  });
});
