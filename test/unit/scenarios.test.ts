import { describe, it, expect } from 'vitest';
import { catalog, loadCatalog, recoveryRatio } from '../../workflows/scenarios/index.js';
import lateArrival from '../../workflows/scenarios/late-arrival.js';

const REQUIRED_IDS = [
  'late-arrival',
  'property-damage',
  'hostile-unclear',
  'no-show',
  'poor-quality',
  'rude-staff',
  'overtime',
  'billing-error',
  'missing-item',
  'service-outage',
  'data-error',
  'third-party-integration',
  'not-a-defect',
];

const CYRILLIC = /[а-яё]/i;

describe('scenario catalog', () => {
  it('holds every required scenario', () => {
    expect(catalog.size).toBeGreaterThanOrEqual(13);
    for (const id of REQUIRED_IDS) expect(catalog.has(id), id).toBe(true);
  });

  it('has Russian and English texts for every scenario', () => {
    for (const [id, s] of catalog) {
      expect(s.title.ru.trim(), `${id} title.ru`).not.toBe('');
      expect(s.title.en.trim(), `${id} title.en`).not.toBe('');
      expect(s.title.ru, `${id} title`).not.toBe(s.title.en);
      expect(s.title.ru, `${id} title.ru`).toMatch(CYRILLIC);
      expect(s.title.en, `${id} title.en`).not.toMatch(CYRILLIC);

      const items = Object.values(s.checklists).flatMap((list) => list ?? []);
      expect(items.length, `${id} checklist`).toBeGreaterThan(0);
      for (const item of items) {
        const texts = [item.do, ...(item.say ? [item.say] : [])];
        for (const t of texts) {
          expect(t.ru, `${id}/${item.id}`).not.toBe(t.en);
          expect(t.ru, `${id}/${item.id} ru`).toMatch(CYRILLIC);
          expect(t.en, `${id}/${item.id} en`).not.toMatch(CYRILLIC);
        }
      }
    }
  });

  it('gives every discount offer its percent', () => {
    for (const [id, s] of catalog) {
      for (const o of s.offers) if (o.kind === 'discount') expect(o.percent, id).toBeDefined();
    }
  });

  it('rejects a scenario with a bad duration, naming it', () => {
    const bad = { ...lateArrival, deadlines: { ...lateArrival.deadlines, overall: 'two hours' } };
    expect(() => loadCatalog([bad])).toThrow(/scenario late-arrival is invalid: deadlines\.overall: must be an ISO 8601 duration/);
  });

  it('rejects a duplicate id', () => {
    expect(() => loadCatalog([lateArrival, lateArrival])).toThrow('scenario late-arrival is defined twice');
  });

  it('computes the late-arrival recovery ratio by band', () => {
    const s = catalog.get('late-arrival');
    expect(s).toBeDefined();
    if (!s) return;
    expect(recoveryRatio(s, 20)).toBe(0.1);
    expect(recoveryRatio(s, 45)).toBe(0.3);
  });
});
