/**
 * Case references come from a counter row incremented in the opening transaction (on Postgres two
 * openings at once would both read the same max(seq); see test/pg/budget-and-references.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCase } from '../../src/engine/open-case.js';
import { customer } from '../helpers.js';
import { world, type World } from './fixture.js';

let w: World;
beforeEach(async () => {
  w = await world();
});
afterEach(() => w.close());

const open = async (n: number) =>
  (await openCase(w.engine, { customer: customer({ id: `c-${n}` }), channel: 'phone', description: 'Опоздали на час', scenario: 'late-arrival' }, w.handler.actor)).record.ref;

describe('case references', () => {
  it('count on from the counter, whatever the cases table holds', async () => {
    expect(await open(1)).toBe('AM-000001');
    // Numbers handed out by a bulk import (or by openings rolled back) are never handed out again.
    await w.engine.store.db.updateTable('counters').set({ value: 41 }).where('name', '=', 'case_seq').execute();
    expect(await open(2)).toBe('AM-000042');
    expect(await open(3)).toBe('AM-000043');
  });
});
