import { MAX_MINOR, type Currency, type Money } from '../../domain/money.js';

/**
 * An amount as a person types it in a form — `1500`, `1 500`, `1500.50`, `1500,5` — in minor units.
 * Empty gives null (no amount); anything else that is not a non-negative amount with at most two
 * decimals gives undefined, and the form says so.
 */
export function parseAmount(input: unknown, currency: Currency): Money | null | undefined {
  if (typeof input !== 'string') return undefined;
  const compact = input.replace(/[\s\u00a0\u202f]/g, '');
  if (compact === '') return null;
  const m = /^(\d{1,13})(?:[.,](\d{1,2}))?$/.exec(compact);
  if (!m) return undefined;
  const minor = Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
  return minor > MAX_MINOR ? undefined : { minor, currency };
}

/** The amount as it goes back into the form field: `1500.5` → `1500.50`. */
export function amountField(m: Money | null): string {
  if (!m) return '';
  return `${Math.floor(m.minor / 100)}${m.minor % 100 ? `.${String(m.minor % 100).padStart(2, '0')}` : ''}`;
}
