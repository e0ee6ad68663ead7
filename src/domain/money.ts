import { z } from 'zod';

/** ISO 4217 codes Amends budgets in. Adding one is a line here. */
export const CURRENCIES = ['RUB', 'EUR', 'USD'] as const;
export const Currency = z.enum(CURRENCIES);
export type Currency = z.infer<typeof Currency>;

/**
 * Money on the wire and in the domain: integer minor units plus currency. Never a float.
 * @example { minor: 50000, currency: 'RUB' } // 500 ₽
 */
/** 10 billion in major units: far above any compensation, far below where sums stop being exact. */
export const MAX_MINOR = 1_000_000_000_000;

export const Money = z
  .object({
    minor: z.number().int().min(-MAX_MINOR).max(MAX_MINOR).describe('integer minor units, e.g. kopecks or cents'),
    currency: Currency,
  })
  .strict();
export type Money = z.infer<typeof Money>;

// Bounds as schema keywords rather than refinements, so the published JSON Schema states them too.
export const PositiveMoney = Money.extend({ minor: z.number().int().min(1, 'must be greater than zero').max(MAX_MINOR).describe('integer minor units, above zero') });
export const NonNegativeMoney = Money.extend({ minor: z.number().int().min(0, 'must not be negative').max(MAX_MINOR).describe('integer minor units, zero or more') });

export function money(minor: number, currency: Currency): Money {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`money needs integer minor units, got ${minor}`);
  return { minor, currency };
}

function sameCurrency(a: Money, b: Money): void {
  // Arithmetic across currencies has no meaning without a rate; refuse instead of guessing.
  if (a.currency !== b.currency) throw new RangeError(`cannot combine ${a.currency} with ${b.currency}`);
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.minor + b.minor, a.currency);
}

export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.minor - b.minor, a.currency);
}

/** a > b, for the same currency. */
export function exceeds(a: Money, b: Money): boolean {
  sameCurrency(a, b);
  return a.minor > b.minor;
}

export function zero(currency: Currency): Money {
  return { minor: 0, currency };
}

/** Scale by a ratio and round half up to whole minor units. */
export function scale(m: Money, ratio: number): Money {
  return money(Math.round(m.minor * ratio), m.currency);
}

const DIGITS: Record<Currency, number> = { RUB: 2, EUR: 2, USD: 2 };

/** Human text for the edges (messages, Slack, CSV): `formatMoney({minor: 50000, currency: 'RUB'}, 'ru')` → "500,00 ₽". */
export function formatMoney(m: Money, locale: string): string {
  const digits = DIGITS[m.currency];
  return currencyFormat(locale, m.currency).format(m.minor / 10 ** digits);
}

/** Building an Intl.NumberFormat costs far more than formatting with it: one per locale and currency. */
const currencyFormats = new Map<string, Intl.NumberFormat>();
function currencyFormat(locale: string, currency: Currency): Intl.NumberFormat {
  const key = `${locale}:${currency}`;
  let f = currencyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    if (currencyFormats.size < 100) currencyFormats.set(key, f);
  }
  return f;
}

/** Major units as exact decimal text for machines (CSV): `{minor: 300000, currency: 'RUB'}` → "3000.00". */
export function majorUnits(m: Money): string {
  const digits = DIGITS[m.currency];
  const abs = Math.abs(m.minor);
  const scaleBy = 10 ** digits;
  const whole = Math.floor(abs / scaleBy);
  const frac = digits > 0 ? `.${String(abs % scaleBy).padStart(digits, '0')}` : '';
  return `${m.minor < 0 ? '-' : ''}${whole}${frac}`;
}
