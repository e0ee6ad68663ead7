/**
 * What several writers at once would break without locks, on Postgres (on SQLite one writer at a
 * time makes both hold by construction): the team's monthly budget checked by concurrent offers, and
 * case references handed out by concurrent openings.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/engine/dispatch.js';
import { setTeamBudget } from '../../src/engine/budget.js';
import { openCase } from '../../src/engine/open-case.js';
import { customer, rub } from '../helpers.js';
import { caseInChoosing, world, type World } from '../engine/fixture.js';

let w: World;
beforeEach(async () => {
  w = await world();
});
afterEach(() => w.close());

describe('the team budget on Postgres', () => {
  it('is never overspent by offers made at the same moment: the ones past what is left wait for a lead', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(await caseInChoosing(w, { customer: { id: `c-${i}` } }));
    await setTeamBudget(w.engine.store.db, rub(100_000), w.engine.clock().toISOString());

    const results = await Promise.all(ids.map((id) => dispatch(w.engine, id, { type: 'OFFER', kind: 'credit', value: rub(30_000) }, w.handler.actor)));

    const states = results.map((r) => r?.record.state);
    expect(states.filter((s) => s === 'compensate.offered')).toHaveLength(3);
    expect(states.filter((s) => s === 'compensate.awaitingApproval')).toHaveLength(5);
    const committed = await w.engine.store.db.selectFrom('cases').select((eb) => eb.fn.sum<number>('committed_minor').as('total')).executeTakeFirst();
    expect(Number(committed?.total)).toBe(90_000);
  });
});

describe('case references on Postgres', () => {
  it('are handed out once each to cases opened at the same moment', async () => {
    const opened = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        openCase(w.engine, { customer: customer({ id: `c-${i}` }), channel: 'phone', description: 'Опоздали на час', scenario: 'late-arrival' }, w.handler.actor),
      ),
    );
    const refs = opened.map((o) => o.record.ref).sort();
    expect(refs).toEqual(Array.from({ length: 12 }, (_, i) => `AM-${String(i + 1).padStart(6, '0')}`));
  });
});
