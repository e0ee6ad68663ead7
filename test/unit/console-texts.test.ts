import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dictionary, t } from '../../src/console/i18n.js';
import { timeLeft } from '../../src/console/time-left.js';

describe('console texts', () => {
  it('has every text in Russian and in English', () => {
    const ru = [...dictionary('ru').keys()].sort();
    const en = [...dictionary('en').keys()].sort();
    expect(ru.filter((k) => !en.includes(k))).toEqual([]);
    expect(en.filter((k) => !ru.includes(k))).toEqual([]);
  });

  it('defines every key a console template uses', () => {
    const root = path.join(import.meta.dirname, '../../templates/console');
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    const used = new Set(files(root).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\{\{t "([^"]+)"/g)].map((m) => m[1] as string)));
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((k) => !dictionary('en').has(k))).toEqual([]);
  });

  it('fills placeholders', () => {
    expect(t('en', 'signIn.tooMany', { seconds: 12 })).toBe('Too many failed attempts. Try again in 12 s.');
  });

  it('says plainly how long is left or how long ago it was due', () => {
    expect(timeLeft('2026-11-25T09:35:00Z', '2026-11-25T09:00:00Z', 'en')).toBe('due in 35 min');
    expect(timeLeft('2026-11-25T09:35:00Z', '2026-11-25T09:00:00Z', 'ru')).toBe('осталось 35 мин');
    expect(timeLeft('2026-11-25T07:00:00Z', '2026-11-25T09:00:00Z', 'en')).toBe('overdue by 2 h');
    expect(timeLeft('2026-11-25T07:00:00Z', '2026-11-25T09:00:00Z', 'ru')).toBe('просрочено на 2 ч');
  });
});
