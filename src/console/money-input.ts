import type { Currency, Money } from '../domain/money.js';

/**
 * An amount a person typed in major units ("1 500", "1500,50", "1500.5") → integer minor units, or
 * null when it is not an amount. No floats: the digits are split and put together as integers.
 */
export function parseMajor(input: string, currency: Currency): Money | null {
  const s = input.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const minor = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(minor) ? { minor, currency } : null;
}

/** Minor units → what an amount input shows: "1500" or "1500.50". */
export function toMajorInput(m: Money): string {
  const whole = Math.trunc(m.minor / 100);
  const cents = Math.abs(m.minor % 100);
  return cents === 0 ? String(whole) : `${whole}.${String(cents).padStart(2, '0')}`;
}
