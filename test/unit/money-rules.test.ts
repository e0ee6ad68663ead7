/**
 * The money type at its edges: what the wire schema accepts, comparisons at equality, zero, the
 * rounding of scaled amounts, and the error texts that name what went wrong.
 */
import { describe, expect, it } from 'vitest';
import { add, exceeds, MAX_MINOR, money, Money, PositiveMoney, scale, subtract, zero, CURRENCIES } from '../../src/domain/money.js';

const rub = (minor: number): Money => ({ minor, currency: 'RUB' });

describe('the Money schema', () => {
  it('accepts integer minor units up to the cap in either direction, in a known currency', () => {
    expect(Money.parse({ minor: MAX_MINOR, currency: 'RUB' })).toEqual(rub(MAX_MINOR));
    expect(Money.parse({ minor: -MAX_MINOR, currency: 'USD' })).toEqual({ minor: -MAX_MINOR, currency: 'USD' });
    expect(Money.safeParse({ minor: MAX_MINOR + 1, currency: 'RUB' }).success).toBe(false);
    expect(Money.safeParse({ minor: -MAX_MINOR - 1, currency: 'RUB' }).success).toBe(false);
    expect(Money.safeParse({ minor: 1.5, currency: 'RUB' }).success).toBe(false);
    expect(Money.safeParse({ minor: 1, currency: 'GBP' }).success).toBe(false);
    expect(Money.safeParse({ minor: 1, currency: 'RUB', extra: true }).success).toBe(false);
    expect(CURRENCIES).toEqual(['RUB', 'EUR', 'USD']);
  });

  it('documents minor units for the published contract', () => {
    expect(Money.shape.minor.description).toMatch(/minor units/);
  });

  it('as a positive amount refuses zero and below, naming the field', () => {
    expect(PositiveMoney.safeParse(rub(1)).success).toBe(true);
    const zeroed = PositiveMoney.safeParse(rub(0));
    expect(zeroed.success).toBe(false);
    expect(zeroed.error?.issues[0]).toMatchObject({ path: ['minor'], message: 'must be greater than zero' });
    expect(PositiveMoney.safeParse(rub(-1)).success).toBe(false);
  });
});

describe('money arithmetic', () => {
  it('compares strictly: an equal amount does not exceed, one minor unit more does', () => {
    expect(exceeds(rub(100), rub(100))).toBe(false);
    expect(exceeds(rub(101), rub(100))).toBe(true);
    expect(exceeds(rub(99), rub(100))).toBe(false);
  });

  it('names both currencies when it refuses to mix them', () => {
    expect(() => add(rub(1), { minor: 1, currency: 'EUR' })).toThrow('cannot combine RUB with EUR');
    expect(() => subtract(rub(1), rub(1))).not.toThrow();
  });

  it('keeps the currency of its operands and of zero', () => {
    expect(add({ minor: 5, currency: 'USD' }, { minor: 7, currency: 'USD' })).toEqual({ minor: 12, currency: 'USD' });
    expect(subtract({ minor: 5, currency: 'EUR' }, { minor: 7, currency: 'EUR' })).toEqual({ minor: -2, currency: 'EUR' });
    expect(zero('EUR')).toEqual({ minor: 0, currency: 'EUR' });
  });

  it('rounds a scaled amount half up, to whole minor units', () => {
    expect(scale(rub(5), 0.5)).toEqual(rub(3));
    expect(scale(rub(1000), 1.5)).toEqual(rub(1500));
    expect(scale(rub(333), 0.1)).toEqual(rub(33));
    expect(scale({ minor: 10, currency: 'EUR' }, 2)).toEqual({ minor: 20, currency: 'EUR' });
  });

  it('refuses amounts that are not safe integers, saying what it got', () => {
    expect(() => money(Number.MAX_SAFE_INTEGER + 1, 'RUB')).toThrow(RangeError);
    expect(() => money(Number.NaN, 'RUB')).toThrow('money needs integer minor units, got NaN');
    expect(money(Number.MAX_SAFE_INTEGER, 'RUB').minor).toBe(Number.MAX_SAFE_INTEGER);
  });
});
