import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, slackMessage } from '../../src/alerts/slack.js';
import { add, exceeds, formatMoney, money, scale, subtract, type Money } from '../../src/domain/money.js';

const rub = (minor: number): Money => ({ minor, currency: 'RUB' });
const eur = (minor: number): Money => ({ minor, currency: 'EUR' });
// Intl puts narrow/no-break spaces between groups; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('money', () => {
  it('adds and subtracts amounts of one currency in minor units', () => {
    expect(add(rub(50_000), rub(25_050))).toEqual(rub(75_050));
    expect(subtract(rub(50_000), rub(75_000))).toEqual(rub(-25_000));
  });

  it('refuses to add or subtract different currencies', () => {
    expect(() => add(rub(100), eur(100))).toThrow(/RUB.*EUR/);
    expect(() => subtract(eur(100), rub(100))).toThrow(RangeError);
    expect(() => exceeds(rub(100), eur(1))).toThrow(RangeError);
  });

  it('refuses fractional minor units', () => {
    expect(() => money(10.5, 'RUB')).toThrow(RangeError);
  });

  it('rounds a scaled amount to whole minor units', () => {
    expect(scale(rub(1_001), 0.5)).toEqual(rub(501));
  });

  it('formats roubles the Russian way', () => {
    expect(plain(formatMoney(rub(123_456), 'ru'))).toBe('1 234,56 ₽');
  });

  it('formats euros and roubles the English way', () => {
    expect(formatMoney(eur(123_456), 'en')).toBe('€1,234.56');
    expect(plain(formatMoney(rub(50_000), 'en'))).toBe('RUB 500.00');
  });
});

describe('Slack mrkdwn', () => {
  it('escapes <!channel> so customer text cannot ping everyone', () => {
    const escaped = escapeMrkdwn('Hello <!channel> & <@U123>');
    expect(escaped).toBe('Hello &lt;!channel&gt; &amp; &lt;@U123&gt;');
    expect(escaped).not.toContain('<!channel>');
  });

  it('escapes customer text inside an alert while keeping its own link', () => {
    const msg = slackMessage(
      {
        kind: 'conflict', reason: '<!here> shouting', caseId: 'cas_1', ref: 'AM-000001', scenario: 'rude-staff', scenarioTitle: { ru: 'Грубость', en: 'Rude staff' },
        tone: 'conflict', customer: { name: '<!channel> Bob', tier: 'vip', locale: 'en' }, owner: null, firstWords: 'hello', due: [],
      },
      { caseUrl: 'https://amends.example/cases/cas_1', locale: 'en', zone: 'Europe/Moscow', outboxId: 'cas_1:1:0' },
    );
    const text = JSON.stringify(msg.blocks);
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<!here>');
    expect(text).toContain('&lt;!channel&gt; Bob');
    expect(text).toContain('<https://amends.example/cases/cas_1|AM-000001>');
  });
});
