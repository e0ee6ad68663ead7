import type { Scenario } from '../../workflows/scenarios/index.js';
import type { Locale } from '../domain/customer.js';

/**
 * The scenario whose keywords the text mentions most, or undefined when none matches.
 * Deliberately simple; ratings' aspects refine it in intake.
 */
const lowered = new WeakMap<Scenario, Record<Locale, string[]>>();

function keywordsOf(scenario: Scenario, locale: Locale): string[] {
  let k = lowered.get(scenario);
  if (!k) {
    k = { ru: scenario.recognise.keywords.ru.map((w) => w.toLocaleLowerCase('ru')), en: scenario.recognise.keywords.en.map((w) => w.toLocaleLowerCase('en')) };
    lowered.set(scenario, k);
  }
  return k[locale];
}

export function classify(catalog: ReadonlyMap<string, Scenario>, text: string, locale: Locale): Scenario | undefined {
  const haystack = text.toLocaleLowerCase(locale);
  let best: { scenario: Scenario; hits: number } | undefined;
  for (const scenario of catalog.values()) {
    const hits = keywordsOf(scenario, locale).filter((k) => haystack.includes(k)).length;
    if (hits > 0 && (!best || hits > best.hits)) best = { scenario, hits };
  }
  return best?.scenario;
}
