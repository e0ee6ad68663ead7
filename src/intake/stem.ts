import type { Locale } from '../domain/customer.js';

/**
 * Light stemming for keyword matching, not linguistics: both the keyword and the comment go through
 * the same function, so "опоздал", "опоздали" and "опоздание" meet at a shared stem, and "charged",
 * "charges" and "charge" at "charg". A keyword stem also matches any word that starts with it
 * (see `stemMatches`), which covers the forms the ending lists miss.
 */

// Longest endings first within each list; one ending is stripped, keeping a stem of at least 3 letters.
const RU_ENDINGS = [
  // adjectives and participles
  'ившимися', 'ывшимися', 'ившийся', 'ывшийся', 'ующими', 'ующего', 'ующему',
  'ими', 'ыми', 'его', 'ого', 'ему', 'ому', 'ее', 'ие', 'ые', 'ое', 'ей', 'ий', 'ый', 'ой', 'ем', 'им', 'ым', 'ом', 'их', 'ых', 'ую', 'юю', 'ая', 'яя', 'ою', 'ею',
  // verbs
  'ились', 'ылись', 'ейте', 'уйте', 'ишь', 'ешь', 'ила', 'ыла', 'ена', 'ите', 'или', 'ыли', 'ило', 'ыло', 'ено', 'ует', 'уют', 'ят', 'ит', 'ыт', 'ены', 'ить', 'ыть', 'ете', 'йте',
  'ла', 'на', 'ли', 'ло', 'но', 'ет', 'ют', 'ны', 'ть', 'ся', 'сь', 'л', 'н', 'й',
  // nouns
  'иями', 'ями', 'ами', 'ией', 'иям', 'ием', 'иях', 'ев', 'ов', 'ье', 'еи', 'ии', 'ям', 'ам', 'ах', 'ях', 'ию', 'ью', 'ия', 'ья',
  'а', 'е', 'и', 'о', 'у', 'ы', 'ь', 'ю', 'я',
].sort((a, b) => b.length - a.length);

const MIN_STEM = 3;

function stemRu(word: string): string {
  let w = word.replaceAll('ё', 'е');
  // Reflexive verbs ("сломался", "опоздались") lose -ся/-сь first, then their own ending.
  if ((w.endsWith('ся') || w.endsWith('сь')) && w.length - 2 >= MIN_STEM) w = w.slice(0, -2);
  for (const ending of RU_ENDINGS) {
    if (w.endsWith(ending) && w.length - ending.length >= MIN_STEM) return w.slice(0, -ending.length);
  }
  return w;
}

function stemEn(word: string): string {
  let w = word.replaceAll('’', "'");
  if (w.endsWith("'s")) w = w.slice(0, -2);
  const strip = (suffix: string, replacement = ''): boolean => {
    if (w.endsWith(suffix) && w.length - suffix.length >= MIN_STEM) {
      w = w.slice(0, -suffix.length) + replacement;
      return true;
    }
    return false;
  };
  if (!(strip('ies', 'y') || strip('ied', 'y') || strip('sses', 'ss') || strip('ing') || strip('ed'))) {
    if (!w.endsWith('ss')) strip('s');
  }
  strip('e');
  return w;
}

const WORD = /[\p{L}\p{N}'’]+/gu;

/**
 * Stems of words already seen, per locale: comments repeat a small vocabulary, and stripping an
 * ending tries a hundred of them. Cleared when full, so a flood of unique words cannot grow it.
 */
const STEM_MEMO_MAX = 50_000;
const memo: Record<Locale, Map<string, string>> = { ru: new Map(), en: new Map() };

/** Longer words are stemmed each time: remembering them would let long junk fill the memory. */
const STEM_MEMO_WORD = 40;

function stemWord(raw: string, locale: Locale): string {
  const known = memo[locale];
  let stem = known.get(raw);
  if (stem === undefined) {
    const w = raw.replace(/^['’]+|['’]+$/g, '');
    stem = w.length === 0 ? '' : locale === 'ru' ? stemRu(w) : stemEn(w);
    if (raw.length > STEM_MEMO_WORD) return stem;
    if (known.size >= STEM_MEMO_MAX) known.clear();
    known.set(raw, stem);
  }
  return stem;
}

/** The comment's words, lower-cased and stemmed for the locale. */
export function stems(text: string, locale: Locale): string[] {
  const words = text.toLocaleLowerCase(locale).match(WORD) ?? [];
  const out: string[] = [];
  // A word of quotes only has no stem ('' from the memo): it is not a word.
  for (const w of words) {
    const stem = stemWord(w, locale);
    if (stem.length > 0) out.push(stem);
  }
  return out;
}

/** Stems shorter than this must match a word exactly; longer ones also match words that begin with them. */
const MIN_PREFIX = 4;
/**
 * A four-letter stem reaches only words a little longer than itself: "деби" (from "дебил") finds
 * "дебил", but "разб" (from "разбили") must not find "разболелась".
 */
const SHORT_STEM_REACH = 2;

export function stemMatches(keywordStem: string, wordStem: string): boolean {
  if (keywordStem === wordStem) return true;
  if (keywordStem.length < MIN_PREFIX || !wordStem.startsWith(keywordStem)) return false;
  return keywordStem.length > MIN_PREFIX || wordStem.length - keywordStem.length <= SHORT_STEM_REACH;
}

/** Keyword stems are short: prefixes up to this length are indexed, longer stems are tested word by word. */
const MAX_INDEXED_STEM = 24;

/**
 * A "does any word of the text match this stem" test, so a phrase with an absent word is rejected
 * without scanning the text: most of the catalogue's keywords are absent from any comment. Every
 * stem `stemMatches` accepts for a word is the word itself or one of its prefixes, so the set of
 * those prefixes answers each test with one lookup. Only short prefixes are collected: a single
 * 10,000-letter "word" must not cost 10,000 long strings.
 */
export function presence(words: readonly string[]): (stem: string) => boolean {
  const unique = new Set(words);
  const matched = new Set<string>();
  for (const w of unique) {
    if (w.length <= MAX_INDEXED_STEM) matched.add(w);
    // Longer prefixes reach any word; a prefix of MIN_PREFIX letters only a word at most SHORT_STEM_REACH longer.
    for (let n = MIN_PREFIX + 1; n < w.length && n <= MAX_INDEXED_STEM; n++) matched.add(w.slice(0, n));
    if (w.length > MIN_PREFIX && w.length - MIN_PREFIX <= SHORT_STEM_REACH) matched.add(w.slice(0, MIN_PREFIX));
  }
  return (stem) => (stem.length <= MAX_INDEXED_STEM ? matched.has(stem) : [...unique].some((w) => stemMatches(stem, w)));
}

/** Extra words a phrase may span, so "списали дважды" also finds "дважды с меня списали". */
const PHRASE_SLACK = 3;
const NEGATION_SLACK = 0;

/** Words that turn a phrase around: "не пришёл" must not match "пришёл не тот". */
const NEGATIONS = new Set(['не', 'ни', 'нет', 'not', 'no', 'never', 'nobody', "didn't", "don't", "doesn't", "wasn't"]);

/**
 * Where the stemmed phrase occurs in the stemmed text: every word of the phrase inside one window of
 * the text, in any order since Russian word order is free, except that a phrase opening with a
 * negation keeps its order. Returns the indices of the matched words, or null.
 */
export function findPhrase(phrase: readonly string[], text: readonly string[]): number[] | null {
  if (phrase.length === 0) return null;
  const ordered = NEGATIONS.has(phrase[0] as string);
  // A negation binds the very next word: "never met … turned up" is not "never turned up".
  const width = phrase.length + (ordered ? NEGATION_SLACK : PHRASE_SLACK);
  for (let start = 0; start < text.length; start++) {
    const first = text[start] as string;
    // A window opens only on a word of the phrase, so each occurrence is found from its first word.
    if (ordered ? !stemMatches(phrase[0] as string, first) : !phrase.some((p) => stemMatches(p, first))) continue;
    const end = Math.min(text.length, start + width);
    const used: number[] = [];
    let from = start;
    const all = phrase.every((p) => {
      for (let i = ordered ? from : start; i < end; i++) {
        if (!used.includes(i) && stemMatches(p, text[i] as string)) {
          used.push(i);
          from = i + 1;
          return true;
        }
      }
      return false;
    });
    if (all) return used;
  }
  return null;
}
