import type { Scenario } from '../../workflows/scenarios/index.js';
import type { Locale } from '../domain/customer.js';
import { findPhrase, presence, stems } from './stem.js';
import { compilePhrases, judgeTone, readTone, type Tone } from './tone.js';

/** The generic playbook for complaints no scenario recognises: each one is a candidate for a new playbook. */
export const GENERIC_SCENARIO = 'other';
/** The playbook for anger that names no concrete problem. */
export const CONFLICT_SCENARIO = 'hostile-unclear';

/** Aspects rated at or below this point at a problem; the worst of them helps choose the scenario. */
const LOW_ASPECT = 3;
/** One keyword found; a phrase of n words weighs n - 1 more, being more specific than a single word. */
const KEYWORD_WEIGHT = 2;
/** The worst aspect is a scenario's first (main) aspect, or one of its others. Less than one keyword, so words win. */
const MAIN_ASPECT_WEIGHT = 1.5;
const OTHER_ASPECT_WEIGHT = 1;
/** Only the start of a very long comment is read: the problem is named early, and the cost stays bounded. */
export const MAX_CLASSIFIED_CHARS = 10_000;

export interface ComplaintInput {
  text: string;
  locale: Locale;
  aspects?: Record<string, number>;
}

export interface Classification {
  scenario: Scenario;
  /** false when no playbook recognised the complaint and the generic one was chosen. */
  matched: boolean;
  tone: Tone;
  /** Why the tone is what it is, for the handler and the journal; empty when constructive. */
  toneWhy: string[];
  score?: number;
}

const compiled = new WeakMap<Scenario, Record<Locale, ReturnType<typeof compilePhrases>>>();

function keywordsOf(scenario: Scenario, locale: Locale): ReturnType<typeof compilePhrases> {
  let k = compiled.get(scenario);
  if (!k) {
    const longestFirst = (ps: ReturnType<typeof compilePhrases>) => ps.sort((a, b) => b.stems.length - a.stems.length);
    k = { ru: longestFirst(compilePhrases(scenario.recognise.keywords.ru, 'ru')), en: longestFirst(compilePhrases(scenario.recognise.keywords.en, 'en')) };
    compiled.set(scenario, k);
  }
  return k[locale];
}

/** The lowest-rated aspects, when they are low at all; the overall score says nothing about which problem. */
function worstAspects(aspects: Record<string, number> | undefined): Set<string> {
  const scores = Object.entries(aspects ?? {}).filter(([k, v]) => k !== 'overall' && Number.isFinite(v));
  const min = Math.min(...scores.map(([, v]) => v));
  if (!(min <= LOW_ASPECT)) return new Set();
  return new Set(scores.filter(([, v]) => v === min).map(([k]) => k));
}

/**
 * Keyword points plus the aspect bonus. Longer phrases are tried first, and a keyword whose words were
 * all credited already ("разбил" after "разбили") adds nothing, so one word never counts twice.
 */
function scoreOf(scenario: Scenario, words: string[], present: (stem: string) => boolean, locale: Locale, worst: Set<string>): Scored {
  let score = 0;
  const credited = new Set<number>();
  for (const k of keywordsOf(scenario, locale)) {
    if (!k.stems.every(present)) continue;
    const at = findPhrase(k.stems, words);
    if (!at || at.every((i) => credited.has(i))) continue;
    for (const i of at) credited.add(i);
    score += KEYWORD_WEIGHT + k.stems.length - 1;
  }
  const fromWords = score;
  const aspects = scenario.recognise.aspects;
  if (aspects[0] !== undefined && worst.has(aspects[0])) score += MAIN_ASPECT_WEIGHT;
  else if (aspects.some((a) => worst.has(a))) score += OTHER_ASPECT_WEIGHT;
  return { scenario, score, fromWords };
}

const SEVERITY_RANK = { low: 0, medium: 1, high: 2, critical: 3 } as const;

interface Scored {
  scenario: Scenario;
  score: number;
  /** The part of the score the comment's words earned. */
  fromWords: number;
}

/**
 * Higher score wins. When the comment names two problems equally, the more severe playbook wins,
 * since it acts faster and budgets more; on aspects alone the catalog's order decides, so
 * punctuality means late arrival before no-show.
 */
function beats(a: Scored, b: Scored | undefined): boolean {
  if (!b) return true;
  if (a.score !== b.score) return a.score > b.score;
  return a.fromWords > 0 && b.fromWords > 0 && SEVERITY_RANK[a.scenario.severity] > SEVERITY_RANK[b.scenario.severity];
}

function required(catalog: ReadonlyMap<string, Scenario>, id: string): Scenario {
  const s = catalog.get(id);
  if (!s) throw new Error(`the scenario catalog has no "${id}" playbook`);
  return s;
}

/**
 * Choose the playbook and the tone for a complaint: keyword rules of every scenario (per locale,
 * matched on stems) plus the worst-rated aspect; the best score wins, ties go to the more severe playbook, then to the catalog's order.
 * Nothing recognised → the generic `other` playbook with `matched: false`, or `hostile-unclear` when
 * the comment is only anger.
 * @example classifyComplaint(catalog, { text: 'Клинер опоздал на час', locale: 'ru', aspects: { punctuality: 2 } })
 *   // → { scenario: late-arrival, matched: true, tone: 'constructive', toneWhy: [] }
 */
export function classifyComplaint(catalog: ReadonlyMap<string, Scenario>, input: ComplaintInput): Classification {
  const text = input.text.slice(0, MAX_CLASSIFIED_CHARS);
  const words = stems(text, input.locale);
  const present = presence(words);
  const worst = worstAspects(input.aspects);
  let best: Scored | undefined;
  for (const scenario of catalog.values()) {
    // The fallbacks are chosen by what is missing, never by their own words.
    if (scenario.id === GENERIC_SCENARIO || scenario.id === CONFLICT_SCENARIO) continue;
    const candidate = scoreOf(scenario, words, present, input.locale, worst);
    if (candidate.score > 0 && beats(candidate, best)) best = candidate;
  }
  // A low aspect no playbook knows still names a problem: it goes to the generic playbook, not to anger.
  const judged = judgeTone(readTone(text, input.locale, words, present), best !== undefined || worst.size > 0);
  if (!best) {
    const scenario = required(catalog, judged.tone === 'conflict' ? CONFLICT_SCENARIO : GENERIC_SCENARIO);
    return { scenario, matched: judged.tone === 'conflict', tone: judged.tone, toneWhy: judged.why, score: 0 };
  }
  // A playbook that always starts with a personal call (rude staff) makes the case a conflict too.
  const why = best.scenario.tone === 'conflict' ? [...judged.why, `playbook ${best.scenario.id} starts with a personal call`] : judged.why;
  return { scenario: best.scenario, matched: true, tone: why.length > 0 ? 'conflict' : 'constructive', toneWhy: why, score: best.score };
}

/** The scenario the text's keywords point at, or undefined; kept for callers that only need the playbook. */
export function classify(catalog: ReadonlyMap<string, Scenario>, text: string, locale: Locale): Scenario | undefined {
  const c = classifyComplaint(catalog, { text, locale });
  return c.matched && c.scenario.id !== CONFLICT_SCENARIO ? c.scenario : undefined;
}
