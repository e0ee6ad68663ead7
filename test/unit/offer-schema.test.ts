import { describe, expect, it } from 'vitest';
import { catalog } from '../../workflows/scenarios/index.js';
import { CURRENCIES } from '../../src/domain/money.js';
import { OfferTerms } from '../../src/domain/offers.js';
import { eventSchema } from '../../src/engine/allowed.js';

const rub = (minor: number) => ({ minor, currency: 'RUB' });

describe('the OFFER payload', () => {
  it('takes a discount by its percent alone, with an optional cost estimate', () => {
    expect(OfferTerms.safeParse({ kind: 'discount', percent: 15 }).success).toBe(true);
    expect(OfferTerms.safeParse({ kind: 'discount', percent: 15, value: rub(0) }).success).toBe(true);
    expect(OfferTerms.safeParse({ kind: 'discount', percent: 15, value: rub(-1) }).success).toBe(false);
    expect(OfferTerms.safeParse({ kind: 'discount', value: rub(100) }).success).toBe(false);
    expect(OfferTerms.safeParse({ kind: 'discount', percent: 0 }).success).toBe(false);
    expect(OfferTerms.safeParse({ kind: 'discount', percent: 101 }).success).toBe(false);
  });

  it('requires a positive value for every other kind, and no percent', () => {
    for (const kind of ['credit', 'refund', 'extraService', 'gift']) {
      expect(OfferTerms.safeParse({ kind, value: rub(100) }).success, kind).toBe(true);
      expect(OfferTerms.safeParse({ kind }).success, kind).toBe(false);
      expect(OfferTerms.safeParse({ kind, value: rub(0) }).success, kind).toBe(false);
      expect(OfferTerms.safeParse({ kind, value: rub(100), percent: 10 }).success, kind).toBe(false);
    }
  });

  it('publishes a JSON Schema with one branch per shape', () => {
    const schema = eventSchema('OFFER') as { oneOf?: unknown[]; anyOf?: unknown[] };
    expect((schema.oneOf ?? schema.anyOf)?.length).toBe(2);
  });
});

describe('suggested offers of every playbook', () => {
  it('carry a percent for discounts and a positive value in every currency for other kinds', () => {
    for (const [id, s] of catalog) {
      for (const o of s.offers) {
        if (o.kind === 'discount') expect(o.percent, id).toBeGreaterThan(0);
        else for (const c of CURRENCIES) expect(o.value[c], `${id} ${o.kind} ${c}`).toBeGreaterThan(0);
      }
    }
  });
});
