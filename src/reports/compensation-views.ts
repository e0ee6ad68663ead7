/** The compensation report's other views: by month against the team budget, by offer kind, and per currency totals. */
import { money, type Currency, type Money } from '../domain/money.js';
import type { DaySums } from './project-compensation.js';
import { rate } from './stats.js';

interface Sums {
  issuedCount: number;
  issued: number;
  reverted: number;
  recovered: number;
}

const empty = (): Sums => ({ issuedCount: 0, issued: 0, reverted: 0, recovered: 0 });
function addTo(s: Sums, d: DaySums): void {
  s.issuedCount += d.issuedN;
  s.issued += d.issued;
  s.reverted += d.reverted;
  s.recovered += d.recovered;
}
function group<K extends string>(sums: DaySums[], key: (d: DaySums) => [K, string]): Map<string, { key: K; currency: string; s: Sums }> {
  const out = new Map<string, { key: K; currency: string; s: Sums }>();
  for (const d of sums) {
    const [k, currency] = key(d);
    const id = `${k}\u0000${currency}`;
    const g = out.get(id) ?? { key: k, currency, s: empty() };
    addTo(g.s, d);
    out.set(id, g);
  }
  return out;
}
const m = (minor: number, currency: string): Money => money(minor, currency as Currency);

export interface MonthRow {
  month: string;
  currency: string;
  issuedCount: number;
  issued: Money;
  reverted: Money;
  recovered: Money;
  /** issued − reverted: what counts against the monthly budget. */
  spent: Money;
  net: Money;
  budget: Money | null;
  /** spent / budget, four decimals; null without a budget. */
  budgetUsed: number | null;
}

/** Spend per month (team zone) and currency, against the team's monthly budget as it is set now. */
export function byMonth(sums: DaySums[], budgets: Map<string, Money | null>): MonthRow[] {
  return [...group(sums, (d) => [d.day.slice(0, 7), d.currency]).values()]
    .map(({ key, currency, s }) => {
      const spent = s.issued - s.reverted;
      const budget = budgets.get(currency) ?? null;
      return {
        month: key,
        currency,
        issuedCount: s.issuedCount,
        issued: m(s.issued, currency),
        reverted: m(s.reverted, currency),
        recovered: m(s.recovered, currency),
        spent: m(spent, currency),
        net: m(spent - s.recovered, currency),
        budget,
        budgetUsed: budget ? rate(spent, budget.minor) : null,
      };
    })
    .filter((r) => r.issuedCount > 0 || r.reverted.minor > 0 || r.recovered.minor > 0)
    .sort((a, b) => a.month.localeCompare(b.month) || a.currency.localeCompare(b.currency));
}

export interface KindRow {
  kind: string;
  currency: string;
  issuedCount: number;
  issued: Money;
  reverted: Money;
  recovered: Money;
  net: Money;
}

/** Spend per offer kind and currency. */
export function byKind(sums: DaySums[]): KindRow[] {
  return [...group(sums, (d) => [d.kind, d.currency]).values()]
    .filter(({ s }) => s.issuedCount > 0 || s.reverted > 0 || s.recovered > 0)
    .map(({ key, currency, s }) => ({
      kind: key,
      currency,
      issuedCount: s.issuedCount,
      issued: m(s.issued, currency),
      reverted: m(s.reverted, currency),
      recovered: m(s.recovered, currency),
      net: m(s.issued - s.reverted - s.recovered, currency),
    }))
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.currency.localeCompare(b.currency));
}

export interface TotalRow {
  currency: string;
  issuedCount: number;
  issued: Money;
  net: Money;
  /** net / issuedCount, rounded to a minor unit; null when nothing was issued. */
  averagePerCase: Money | null;
  /** Compensated cases won back in the period. */
  wonBack: number;
  /** wonBack per 1000 major units of net spend, four decimals; null when nothing was spent. */
  wonBackPerThousand: number | null;
}

/** Per currency: the average compensation per issued offer and how many won-back customers each 1000 spent bought. */
export function totals(sums: DaySums[], wonBack: Map<string, number>): TotalRow[] {
  const by = group(sums, (d) => ['all', d.currency]);
  for (const currency of wonBack.keys()) if (![...by.values()].some((g) => g.currency === currency)) by.set(`all\u0000${currency}`, { key: 'all', currency, s: empty() });
  return [...by.values()]
    .map(({ currency, s }) => {
      const net = s.issued - s.reverted - s.recovered;
      const won = wonBack.get(currency) ?? 0;
      return {
        currency,
        issuedCount: s.issuedCount,
        issued: m(s.issued, currency),
        net: m(net, currency),
        averagePerCase: s.issuedCount > 0 ? m(Math.round(net / s.issuedCount), currency) : null,
        wonBack: won,
        // net is in minor units (1/100): 1000 major units are 100 000 minor.
        wonBackPerThousand: net > 0 ? Math.round(((won * 100_000) / net) * 10_000) / 10_000 : null,
      };
    })
    .filter((r) => r.issuedCount > 0 || r.wonBack > 0 || r.net.minor !== 0)
    .sort((a, b) => a.currency.localeCompare(b.currency));
}
