import { DateTime } from 'luxon';
import '../sla/zone-offsets.js'; // offsets of IANA zones remembered per minute: luxon recomputes them with Intl
import type { Locale } from '../domain/customer.js';
import type { Money } from '../domain/money.js';

const DIGITS: Record<Money['currency'], number> = { RUB: 2, EUR: 2, USD: 2 };

/**
 * Money as the customer reads it: `500 ₽`, `€12.50`, `1 250,50 ₽`. Whole amounts drop the zero
 * kopecks/cents Intl would print ("500,00 ₽"); non-breaking spaces become plain ones so SMS stay GSM-7
 * where the language allows.
 */
export function formatAmount(m: Money, locale: Locale): string {
  const digits = DIGITS[m.currency];
  const whole = m.minor % 10 ** digits === 0;
  return numberFormat(locale, m.currency, whole ? 0 : digits, digits)
    .format(m.minor / 10 ** digits)
    .replace(/[\u00a0\u202f]/g, ' ');
}

/** Building an Intl.NumberFormat costs far more than formatting with it: one per locale, currency and precision. */
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, currency: string, min: number, max: number): Intl.NumberFormat {
  const key = `${locale}:${currency}:${min}:${max}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: min, maximumFractionDigits: max });
    numberFormats.set(key, f);
  }
  return f;
}

function inZone(iso: string, zone: string, locale: Locale): DateTime {
  const d = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).setLocale(locale);
  if (!d.isValid) throw new RangeError(`cannot show ${iso} in ${zone}: ${d.invalidReason ?? 'invalid'}`);
  return d;
}

/** A day in the customer's zone: `29 ноября`, `29 November`. */
export function formatDay(iso: string, zone: string, locale: Locale): string {
  return inZone(iso, zone, locale).toLocaleString({ day: 'numeric', month: 'long' });
}

/** A moment in the customer's zone: `29 ноября в 01:00`, `November 29 at 1:00 AM`. */
export function formatMoment(iso: string, zone: string, locale: Locale): string {
  return inZone(iso, zone, locale).toLocaleString({ day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' }).replace(/[\u00a0\u202f]/g, ' ');
}

/**
 * `n` with the plural form its language wants. Russian forms come as one|few|many
 * (`plural(5, 'ru', ['день', 'дня', 'дней'])` → `5 дней`), English as one|other.
 */
/** Building an Intl.PluralRules costs far more than asking it: one per locale. */
const pluralRulesByLocale = new Map<Locale, Intl.PluralRules>();
function pluralRules(locale: Locale): Intl.PluralRules {
  let rules = pluralRulesByLocale.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRulesByLocale.set(locale, rules);
  }
  return rules;
}

export function pluralize(n: number, locale: Locale, forms: readonly string[]): string {
  const category = pluralRules(locale).select(n);
  const order = locale === 'ru' ? ['one', 'few', 'many'] : ['one', 'other'];
  // Russian fractions are "other" and read like "few" (1,5 дня); a missing form falls back to the last.
  const index = category === 'other' && locale === 'ru' ? 1 : Math.max(0, order.indexOf(category));
  const form = forms[Math.min(index === -1 ? forms.length - 1 : index, forms.length - 1)] ?? '';
  return `${n} ${form}`;
}
