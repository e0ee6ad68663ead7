import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { catalog, loadCatalog, recoveryRatio, STEPS } from '../../workflows/scenarios/index.js';
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
  // Issue 9: home services, delivery and SaaS, plus the generic playbook.
  'wrong-time-slot',
  'supplies-missing',
  'access-keys',
  'allergy-products',
  'suspected-theft',
  'pet-harmed',
  'double-charge',
  'refund-delay',
  'promo-not-applied',
  'booking-failed',
  'cancellation-fee',
  'executor-replaced',
  'delivery-damaged',
  'wrong-order',
  'slow-support',
  'account-locked',
  'personal-data-mistake',
  'other',
];
/** The playbooks written after the shared conventions on offer values and `{due}` were agreed. */
const ISSUE_9_IDS = REQUIRED_IDS.slice(REQUIRED_IDS.indexOf('wrong-time-slot'));
const TEMPLATE_NAMES = ['apology', 'explanation', 'offer', 'follow-up', 'not-a-defect', 'call-note'];
const WORKING_STEPS = ['apologize', 'explain', 'compensate', 'followUp'] as const;

const CYRILLIC = /[а-яё]/i;

describe('scenario catalog', () => {
  it('holds at least thirty playbooks, every required one among them', () => {
    expect(catalog.size).toBeGreaterThanOrEqual(30);
    for (const id of REQUIRED_IDS) expect(catalog.has(id), id).toBe(true);
  });

  it('registers each playbook file once, under a unique id', () => {
    const files = readdirSync(new URL('../../workflows/scenarios/', import.meta.url)).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'schema.ts');
    expect([...catalog.keys()].sort()).toEqual(files.map((f) => f.replace(/\.ts$/, '')).sort());
  });

  it('gives every playbook a checklist for each working step, and a personal call when it starts with one', () => {
    for (const [id, s] of catalog) {
      for (const step of WORKING_STEPS) {
        const list = s.checklists[step] ?? [];
        expect(list.length, `${id} ${step}`).toBeGreaterThan(0);
        for (const item of list) expect(item.do.ru.trim().length * item.do.en.trim().length, `${id}/${step}/${item.id}`).toBeGreaterThan(0);
      }
      if (s.tone === 'conflict') expect(s.checklists.personalCall?.length ?? 0, `${id} personalCall`).toBeGreaterThan(0);
    }
  });

  it('describes every playbook, its offers and its recovery rule in Russian and English', () => {
    for (const [id, s] of catalog) {
      const texts = [s.description, ...s.offers.map((o) => o.title), ...(s.recovery ? [s.recovery.description] : [])];
      for (const t of texts) {
        expect(t.ru, id).toMatch(CYRILLIC);
        expect(t.en, id).not.toMatch(CYRILLIC);
      }
    }
  });

  it('gives every playbook but the generic one keywords in both languages', () => {
    for (const [id, s] of catalog) {
      if (id === 'other') continue;
      expect(s.recognise.keywords.ru.length, `${id} ru`).toBeGreaterThan(0);
      expect(s.recognise.keywords.en.length, `${id} en`).toBeGreaterThan(0);
      expect(s.recognise.keywords.ru.some((k) => CYRILLIC.test(k)), `${id} ru`).toBe(true);
    }
    expect(catalog.get('other')?.recognise.keywords).toEqual({ ru: [], en: [] });
  });

  it('maps steps only to the known reply templates', () => {
    for (const [id, s] of catalog) {
      for (const [step, name] of Object.entries(s.templates)) {
        expect(STEPS as readonly string[], `${id} ${step}`).toContain(step);
        expect(TEMPLATE_NAMES, `${id} ${step}`).toContain(name);
      }
    }
  });

  it('values every non-discount offer of the new playbooks in each currency', () => {
    for (const id of ISSUE_9_IDS) {
      const s = catalog.get(id);
      for (const o of s?.offers ?? []) {
        if (o.kind === 'discount') continue;
        expect(o.value, `${id} ${o.kind}`).toBeDefined();
        for (const minor of Object.values(o.value ?? {})) expect(minor, id).toBeGreaterThan(0);
      }
    }
  });

  it('names no duration in the new checklists: where time matters they say {due}', () => {
    const DURATION = /\b(within|hours?|minutes?|days?)\b|(^|[^а-яё])(в течение|час(а|ов)?|минут[а-яё]*|дн(я|ей)|сут(ки|ок))(?![а-яё])/i;
    let dueUsed = 0;
    for (const id of ISSUE_9_IDS) {
      const s = catalog.get(id);
      for (const item of Object.values(s?.checklists ?? {}).flat()) {
        for (const t of [item.do, ...(item.say ? [item.say] : [])]) {
          expect(t.ru, `${id}/${item.id}`).not.toMatch(DURATION);
          expect(t.en, `${id}/${item.id}`).not.toMatch(DURATION);
          if (t.ru.includes('{due}')) expect(t.en, `${id}/${item.id}`).toContain('{due}');
          if (t.ru.includes('{due}')) dueUsed++;
        }
      }
    }
    expect(dueUsed).toBeGreaterThanOrEqual(ISSUE_9_IDS.length);
  });

  it('accepts an offer value per currency and refuses a zero one', () => {
    const valued = { ...lateArrival, offers: [{ kind: 'credit' as const, value: { RUB: 50_000, EUR: 1_000, USD: 1_000 }, title: { ru: 'Бонусы', en: 'Credit' } }] };
    const first = loadCatalog([valued]).get('late-arrival')?.offers[0];
    expect(first && 'value' in first ? first.value : undefined).toEqual({ RUB: 50_000, EUR: 1_000, USD: 1_000 });
    const zero = { ...valued, offers: [{ ...valued.offers[0]!, value: { RUB: 0, EUR: 1_000, USD: 1_000 } }] };
    expect(() => loadCatalog([zero])).toThrow(/offers\.0\.value\.RUB/);
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
