import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Locale } from '../domain/customer.js';

/**
 * The blame lint: phrases that shift blame onto the customer, deny fault, quote policy at them or
 * open like a form letter. The phrase lists are data (`phrases/<locale>.json`) so support leads can
 * grow them without touching code.
 *
 * A rule's `match` is a sequence of slots separated by spaces; a slot lists alternatives with `|`;
 * `word*` matches every word starting with the stem, so `указа*` catches указал, указала, указали.
 * Up to `gap` other words may sit between two slots. Text is compared lower-cased, with ё read as е
 * and apostrophes dropped (didn't → didnt).
 */
export interface Finding {
  phrase: string;
  why: string;
  suggestion: string;
  kind: string;
}

const Rule = z
  .object({
    kind: z.enum(['blame', 'denial', 'condescension', 'policy', 'cold']),
    match: z.string().min(1),
    gap: z.number().int().min(0).max(5).optional(),
    unlessBefore: z.array(z.string()).optional(),
    why: z.string().min(1),
    suggestion: z.string().min(1),
  })
  .strict();
const PhraseList = z.object({ gap: z.number().int().min(0).max(5), rules: z.array(Rule).min(1) }).strict();

interface CompiledRule {
  slots: Array<(word: string) => boolean>;
  gap: number;
  unlessBefore: Set<string>;
  why: string;
  suggestion: string;
  kind: string;
}

interface Token {
  word: string;
  start: number;
  end: number;
  /** Which clause the word is in: a phrase never spans a full stop, colon, semicolon, ! or ?. */
  clause: number;
}

const PHRASES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'phrases');

const normalize = (s: string) => s.toLowerCase().replaceAll('ё', 'е').replace(/['’ʼ`]/g, '');

function slot(source: string): (word: string) => boolean {
  const alternatives = source.split('|').map((a) => normalize(a.trim())).filter((a) => a !== '');
  const exact = new Set(alternatives.filter((a) => !a.endsWith('*')));
  const stems = alternatives.filter((a) => a.endsWith('*')).map((a) => a.slice(0, -1));
  return (word) => exact.has(word) || stems.some((s) => word.startsWith(s));
}

export function compileRules(source: unknown, what: string): CompiledRule[] {
  const parsed = PhraseList.safeParse(source);
  if (!parsed.success) throw new Error(`phrase list ${what} is invalid: ${parsed.error.message}`);
  return parsed.data.rules.map((r) => ({
    slots: r.match.trim().split(/\s+/).map(slot),
    gap: r.gap ?? parsed.data.gap,
    unlessBefore: new Set((r.unlessBefore ?? []).map(normalize)),
    why: r.why,
    suggestion: r.suggestion,
    kind: r.kind,
  }));
}

// Loaded once at start: a broken phrase list stops the process instead of letting blame through.
const RULES: Record<Locale, CompiledRule[]> = {
  ru: compileRules(JSON.parse(readFileSync(path.join(PHRASES, 'ru.json'), 'utf8')), 'ru.json'),
  en: compileRules(JSON.parse(readFileSync(path.join(PHRASES, 'en.json'), 'utf8')), 'en.json'),
};

const BOTH = [...RULES.ru, ...RULES.en];

/**
 * Which rules a word can start, per rule list, remembered per word: the same few hundred words
 * recur in every message, and trying every rule's first slot at every word dominated the lint.
 */
const starters = new Map<CompiledRule[], Map<string, number[]>>();
function rulesStartingAt(rules: CompiledRule[], word: string): number[] {
  let memo = starters.get(rules);
  if (!memo) {
    memo = new Map();
    starters.set(rules, memo);
  }
  let found = memo.get(word);
  if (!found) {
    found = [];
    for (let r = 0; r < rules.length; r++) if (rules[r]?.slots[0]?.(word)) found.push(r);
    if (memo.size > 20_000) memo.clear();
    memo.set(word, found);
  }
  return found;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let clause = 0;
  let from = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}'’ʼ№#-]+/gu)) {
    if (/[.:;!?]/.test(text.slice(from, m.index))) clause++;
    from = m.index + m[0].length;
    const word = normalize(m[0]).replace(/^-+|-+$/g, '');
    if (word !== '') tokens.push({ word, start: m.index, end: from, clause });
  }
  return tokens;
}

/** The index of the last token of a match of `rule` starting at token `i`, or -1. */
function matchAt(rule: CompiledRule, tokens: Token[], i: number, s = 0): number {
  const token = tokens[i];
  if (!token || !rule.slots[s]?.(token.word)) return -1;
  if (s === rule.slots.length - 1) return i;
  for (let j = i + 1; j <= i + 1 + rule.gap && j < tokens.length && tokens[j]?.clause === token.clause; j++) {
    const end = matchAt(rule, tokens, j, s + 1);
    if (end >= 0) return end;
  }
  return -1;
}

/**
 * Every flagged phrase in `text`, in order of appearance.
 * @example lint('ru', 'Вы указали неверный адрес') // [{ phrase: 'Вы указали неверный адрес', why, suggestion, kind: 'blame' }]
 */
export function lint(locale: Locale | 'any', text: string): Finding[] {
  const tokens = tokenize(text);
  const findings: Array<Finding & { at: number; end: number }> = [];
  // A handler may write in the other language than the customer's: 'any' checks both lists.
  const rules = locale === 'any' ? BOTH : RULES[locale];
  // Per rule, the tokens its first slot accepts: only there can a match start.
  const starts = new Map<number, number[]>();
  tokens.forEach((t, i) => {
    for (const r of rulesStartingAt(rules, t.word)) {
      const at = starts.get(r);
      if (at) at.push(i);
      else starts.set(r, [i]);
    }
  });
  for (const [r, at] of [...starts].sort((x, y) => x[0] - y[0])) {
    const rule = rules[r] as CompiledRule;
    let after = -1;
    for (const i of at) {
      if (i <= after) continue;
      const before = tokens[i - 1];
      if (before && rule.unlessBefore.has(before.word)) continue;
      const end = matchAt(rule, tokens, i);
      if (end < 0) continue;
      const first = tokens[i] as Token;
      const last = tokens[end] as Token;
      findings.push({ phrase: text.slice(first.start, last.end), why: rule.why, suggestion: rule.suggestion, kind: rule.kind, at: first.start, end: last.end });
      after = end;
    }
  }
  // Two rules often catch the same words ("по вашей вине" and "вашей вине"): report the widest once.
  findings.sort((a, b) => a.at - b.at || b.end - a.end);
  const kept: typeof findings = [];
  for (const f of findings) {
    const last = kept.at(-1);
    if (last && f.at >= last.at && f.end <= last.end) continue;
    kept.push(f);
  }
  return kept.map(({ at: _at, end: _end, ...f }) => f);
}
