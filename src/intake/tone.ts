import { z } from 'zod';
import type { Locale } from '../domain/customer.js';
import { findPhrase, presence, stems } from './stem.js';
import ruRules from './rules/tone.ru.json' with { type: 'json' };
import enRules from './rules/tone.en.json' with { type: 'json' };

export type Tone = 'constructive' | 'conflict';

/** The tone rules are data, one file per locale in ./rules; this schema keeps a typo there from passing silently. */
const ToneRules = z
  .object({
    insults: z.array(z.string().min(1)),
    threats: z.array(z.string().min(1)),
    outrage: z.array(z.string().min(1)),
    shouting: z.object({ minLetters: z.number().int().positive(), upperShare: z.number().gt(0).max(1) }).strict(),
  })
  .strict();
type ToneRules = z.infer<typeof ToneRules>;

interface Phrase {
  text: string;
  stems: string[];
}

interface CompiledRules {
  insults: Phrase[];
  threats: Phrase[];
  outrage: Phrase[];
  shouting: ToneRules['shouting'];
}

/** Stemmed phrases; forms that share a stem ("пропал", "пропала") collapse into one so they count once. */
export function compilePhrases(words: readonly string[], locale: Locale): Phrase[] {
  const seen = new Set<string>();
  const phrases: Phrase[] = [];
  for (const text of words) {
    const s = stems(text, locale);
    const key = s.join(' ');
    if (s.length === 0 || seen.has(key)) continue;
    seen.add(key);
    phrases.push({ text, stems: s });
  }
  return phrases;
}

function compile(raw: unknown, locale: Locale): CompiledRules {
  const rules = ToneRules.parse(raw);
  return {
    insults: compilePhrases(rules.insults, locale),
    threats: compilePhrases(rules.threats, locale),
    outrage: compilePhrases(rules.outrage, locale),
    shouting: rules.shouting,
  };
}

const RULES: Record<Locale, CompiledRules> = { ru: compile(ruRules, 'ru'), en: compile(enRules, 'en') };

/** What the tone rules found in a comment, before knowing whether it names a concrete problem. */
export interface ToneReading {
  insults: string[];
  threats: string[];
  outrage: string[];
  shouting: boolean;
}

function found(phrases: Phrase[], words: string[], present: (stem: string) => boolean): string[] {
  return phrases.filter((p) => p.stems.every(present) && findPhrase(p.stems, words) !== null).map((p) => p.text);
}

/**
 * All-caps shouting: most of the letters are capitals, or one run of capitalised words is long
 * enough to be a sentence (so "SMS" or "API" inside a calm comment does not count).
 */
function isShouting(text: string, rules: CompiledRules['shouting']): boolean {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const upper = text.match(/\p{Lu}/gu)?.length ?? 0;
  if (letters >= rules.minLetters && upper / letters >= rules.upperShare) return true;
  let run = 0;
  let runWords = 0;
  for (const word of text.match(/\p{L}+/gu) ?? []) {
    if (word.length >= 2 && word === word.toLocaleUpperCase() && word !== word.toLocaleLowerCase()) {
      run += word.length;
      runWords++;
      if (runWords >= 3 && run >= rules.minLetters) return true;
    } else {
      run = 0;
      runWords = 0;
    }
  }
  return false;
}

/** `present` may come from the caller that already built it for the same words. */
export function readTone(text: string, locale: Locale, words: string[] = stems(text, locale), present = presence(words)): ToneReading {
  const rules = RULES[locale];
  return {
    insults: found(rules.insults, words, present),
    threats: found(rules.threats, words, present),
    outrage: found(rules.outrage, words, present),
    shouting: isShouting(text, rules.shouting),
  };
}

/**
 * Conflict when the customer insults, threatens or shouts, or is outraged without naming a concrete
 * problem ("Ужас!", "worst ever"): such cases start with a personal call. A short or empty comment
 * with none of these signals ("hello", "Здравствуйте", a bare low rating) is not anger: it stays
 * constructive, and the handler finds out what went wrong.
 * `concrete` says whether the comment or the ratings pointed at a real playbook.
 */
export function judgeTone(reading: ToneReading, concrete: boolean): { tone: Tone; why: string[] } {
  const why = [
    ...reading.insults.map((w) => `insult: ${w}`),
    ...reading.threats.map((w) => `threat: ${w}`),
    ...(reading.shouting ? ['shouting in capitals'] : []),
  ];
  if (!concrete && reading.outrage.length > 0) why.push(`no concrete problem, only outrage: ${reading.outrage.join(', ')}`);
  return { tone: why.length > 0 ? 'conflict' : 'constructive', why };
}
