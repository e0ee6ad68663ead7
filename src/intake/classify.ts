import type { Scenario } from '../../workflows/scenarios/index.js';
import type { Locale } from '../domain/customer.js';

/**
 * The scenario whose keywords the text mentions most, or undefined when none matches.
 * Deliberately simple; ratings' aspects refine it in intake.
 */
export function classify(catalog: ReadonlyMap<string, Scenario>, text: string, locale: Locale): Scenario | undefined {
  const haystack = text.toLocaleLowerCase(locale);
  let best: { scenario: Scenario; hits: number } | undefined;
  for (const scenario of catalog.values()) {
    const hits = scenario.recognise.keywords[locale].filter((k) => haystack.includes(k.toLocaleLowerCase(locale))).length;
    if (hits > 0 && (!best || hits > best.hits)) best = { scenario, hits };
  }
  return best?.scenario;
}
