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

export interface Classification {
  scenario: Scenario;
  /** False when nothing recognised the complaint and a generic scenario stands in. */
  matched: boolean;
  tone: 'constructive' | 'conflict';
  toneWhy: string[];
}

// Stems, so that Russian word forms match too (идиот, идиоты, идиотка…).
const INSULTS = ['идиот', 'дебил', 'тупы', 'урод', 'сволоч', 'мошенник', 'уроды', 'козл', 'idiot', 'moron', 'stupid', 'scam', 'crook', 'useless'];
const THREATS = ['засужу', 'в суд', 'прокуратур', 'роспотребнадзор', 'sue you', 'lawyer', 'court'];

/** Shouting: most letters of a long enough text are capitals. */
function isShouting(text: string): boolean {
  const letters = [...text].filter((ch) => ch.toLocaleLowerCase() !== ch.toLocaleUpperCase());
  if (letters.length < 10) return false;
  const upper = letters.filter((ch) => ch === ch.toLocaleUpperCase()).length;
  return upper / letters.length > 0.8;
}

function toneOf(text: string, locale: Locale): { tone: 'constructive' | 'conflict'; toneWhy: string[] } {
  const lower = text.toLocaleLowerCase(locale);
  const why: string[] = [];
  const insult = INSULTS.find((w) => lower.includes(w));
  if (insult) why.push(`insult: ${insult}`);
  const threat = THREATS.find((w) => lower.includes(w));
  if (threat) why.push(`threat: ${threat}`);
  if (isShouting(text)) why.push('all caps');
  return { tone: why.length > 0 ? 'conflict' : 'constructive', toneWhy: why };
}

/**
 * Scenario and tone of a complaint: the worst low aspect picks a scenario that recognises it, else
 * the comment's keywords, else a generic scenario. Insults, threats or shouting make it a conflict.
 */
export function classifyComplaint(
  catalog: ReadonlyMap<string, Scenario>,
  input: { text: string; locale: Locale; aspects?: Record<string, number> },
): Classification {
  const { tone, toneWhy } = toneOf(input.text, input.locale);
  const worst = Object.entries(input.aspects ?? {})
    .filter(([, score]) => score <= 3)
    .sort((a, b) => a[1] - b[1]);
  for (const [aspect] of worst) {
    // A scenario whose first aspect this is (its main concern) comes before one that merely lists it.
    const s = [...catalog.values()].find((sc) => sc.recognise.aspects[0] === aspect) ?? [...catalog.values()].find((sc) => sc.recognise.aspects.includes(aspect));
    if (s) return { scenario: s, matched: true, tone, toneWhy };
  }
  const byWords = input.text ? classify(catalog, input.text, input.locale) : undefined;
  if (byWords) return { scenario: byWords, matched: true, tone, toneWhy };
  const generic = catalog.get(tone === 'conflict' ? 'hostile-unclear' : 'other') ?? catalog.get('poor-quality') ?? [...catalog.values()][0];
  if (!generic) throw new Error('the scenario catalog is empty');
  return { scenario: generic, matched: false, tone, toneWhy };
}
