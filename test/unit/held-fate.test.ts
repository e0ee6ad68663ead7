import { describe, expect, it } from 'vitest';
import { fateOfHeld, type CaseFacts, type HeldMessage } from '../../src/engine/held-fate.js';

const NOW = '2026-11-26T09:00:00.000Z';
const DAY = 86_400_000;
const msg = (version: number, topic: 'customer' | 'slack', payload: Record<string, unknown>, createdAt = '2026-11-26T08:00:00.000Z'): HeldMessage => ({
  id: `cas_1:${version}:0`,
  topic,
  payload,
  createdAt,
});
const open = (state: string, offer: CaseFacts['offer'] = null): CaseFacts => ({ status: 'open', state, offer });

describe('what becomes of a held message when a webhook is configured', () => {
  it('sends a fresh apology of an open case', () => {
    expect(fateOfHeld(msg(2, 'customer', { purpose: 'apology' }), open('explain'), [], NOW, DAY)).toEqual({ send: true });
  });

  it('expires every customer message of a closed case', () => {
    const closed: CaseFacts = { status: 'closed', state: 'lost', offer: null };
    for (const purpose of ['apology', 'explanation', 'offer', 'followUp']) {
      expect(fateOfHeld(msg(2, 'customer', { purpose }), closed, [], NOW, DAY)).toEqual({ send: false, why: 'the case is closed' });
    }
  });

  it('still sends the follow-up that resolved a case, but nothing earlier', () => {
    const resolved: CaseFacts = { status: 'resolved', state: 'resolved', offer: null };
    expect(fateOfHeld(msg(6, 'customer', { purpose: 'followUp' }), resolved, [], NOW, DAY)).toEqual({ send: true });
    expect(fateOfHeld(msg(2, 'customer', { purpose: 'apology' }), resolved, [], NOW, DAY)).toEqual({ send: false, why: 'the case is resolved' });
  });

  it('expires a message superseded by a later one of the same purpose, comparing versions as numbers', () => {
    const older = msg(9, 'customer', { purpose: 'offer', offer: { id: 'o1' } });
    const newer = msg(10, 'customer', { purpose: 'offer', offer: { id: 'o2' } });
    const c = open('compensate.offered', { id: 'o2', status: 'offered' });
    expect(fateOfHeld(older, c, [older, newer], NOW, DAY)).toEqual({ send: false, why: 'superseded by a later offer message' });
    expect(fateOfHeld(newer, c, [older, newer], NOW, DAY)).toEqual({ send: true });
  });

  it('expires an offer the customer can no longer take', () => {
    const offer = msg(4, 'customer', { purpose: 'offer', offer: { id: 'o1' } });
    expect(fateOfHeld(offer, open('compensate.choosing'), [], NOW, DAY)).toEqual({ send: false, why: 'the offer is no longer open' });
    expect(fateOfHeld(offer, open('compensate.offered', { id: 'o1', status: 'offered' }), [], NOW, DAY)).toEqual({ send: true });
  });

  it('expires a customer message held longer than the configured age', () => {
    const old = msg(2, 'customer', { purpose: 'apology' }, '2026-11-24T09:00:00.000Z');
    expect(fateOfHeld(old, open('explain'), [], NOW, DAY)).toEqual({ send: false, why: 'held too long to send now' });
    expect(fateOfHeld(old, open('explain'), [], NOW, 3 * DAY)).toEqual({ send: true });
  });

  it('expires an approval request for an offer no longer awaiting approval', () => {
    const alert = msg(4, 'slack', { kind: 'approvalRequested', offer: { id: 'o1' } });
    expect(fateOfHeld(alert, open('compensate.offered', { id: 'o1', status: 'offered' }), [], NOW, DAY)).toEqual({ send: false, why: 'the offer no longer awaits approval' });
    expect(fateOfHeld(alert, open('compensate.awaitingApproval', { id: 'o1', status: 'awaitingApproval' }), [], NOW, DAY)).toEqual({ send: true });
  });

  it('expires a conflict alert once the personal call is logged', () => {
    const alert = msg(1, 'slack', { kind: 'conflict' });
    expect(fateOfHeld(alert, open('apologize'), [], NOW, DAY)).toEqual({ send: false, why: 'the personal call was logged' });
    expect(fateOfHeld(alert, open('personalCall'), [], NOW, DAY)).toEqual({ send: true });
  });

  it('expires a deadline alert for a step the case has left, and keeps one for the step it is in', () => {
    const alert = msg(2, 'slack', { kind: 'deadlineMissed', step: 'apologize' });
    expect(fateOfHeld(alert, open('explain'), [], NOW, DAY)).toEqual({ send: false, why: 'the case has left apologize' });
    expect(fateOfHeld(alert, open('apologize'), [], NOW, DAY)).toEqual({ send: true });
    expect(fateOfHeld(msg(3, 'slack', { kind: 'deadlineMissed', step: 'overall' }), open('explain'), [], NOW, DAY)).toEqual({ send: true });
    expect(fateOfHeld(msg(3, 'slack', { kind: 'deadlineMissed', step: 'overall' }), { status: 'closed', state: 'wonBack', offer: null }, [], NOW, DAY).send).toBe(false);
  });

  it('sends alerts of kinds it does not know, and old alerts whose condition holds', () => {
    expect(fateOfHeld(msg(2, 'slack', { kind: 'somethingNew' }), open('explain'), [], NOW, DAY)).toEqual({ send: true });
    expect(fateOfHeld(msg(2, 'slack', { kind: 'escalated' }, '2026-11-01T00:00:00.000Z'), open('explain'), [], NOW, DAY)).toEqual({ send: true });
  });

  it('expires what belongs to no case', () => {
    expect(fateOfHeld(msg(2, 'slack', { kind: 'escalated' }), undefined, [], NOW, DAY)).toEqual({ send: false, why: 'the case no longer exists' });
  });
});
