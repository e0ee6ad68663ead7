import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locale } from '../domain/customer.js';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'i18n');
export const CONSOLE_LOCALES: readonly Locale[] = ['ru', 'en'];

/**
 * Console texts: every `src/console/i18n/<locale>/*.json` file merged into one flat dictionary per
 * language (keys such as "queue.title"). Each page family keeps its own file, so two people adding
 * pages never edit the same dictionary.
 */
function loadDictionary(locale: Locale): Map<string, string> {
  const dict = new Map<string, string>();
  const dir = path.join(DIR, locale);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const entries = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, string>;
    for (const [key, value] of Object.entries(entries)) {
      if (dict.has(key)) throw new Error(`console text ${key} is defined twice (${locale}/${file})`);
      dict.set(key, value);
    }
  }
  return dict;
}

const DICTIONARIES = new Map<Locale, Map<string, string>>(CONSOLE_LOCALES.map((l) => [l, loadDictionary(l)]));

export function dictionary(locale: Locale): ReadonlyMap<string, string> {
  return DICTIONARIES.get(locale) as Map<string, string>;
}

/**
 * A console text in the reader's language with `{name}` placeholders filled. A missing key shows
 * itself (and a unit test compares both dictionaries), rather than breaking a page a person needs.
 * @example t('en', 'queue.dueIn', { span: '35 min' }) // 'due in 35 min'
 */
export function t(locale: Locale, key: string, vars: Record<string, unknown> = {}): string {
  const text = dictionary(locale).get(key) ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function isConsoleLocale(x: unknown): x is Locale {
  return x === 'ru' || x === 'en';
}
