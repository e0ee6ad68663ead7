import { describe, expect, it } from 'vitest';
import { periodOf, splitDays } from '../../src/reports/period.js';
import { percentile, rate } from '../../src/reports/stats.js';
import { applyEntry, isThanks, openedCase } from '../../src/reports/project-case.js';

describe('report statistics', () => {
  it('takes percentiles by nearest rank and rates to four decimals', () => {
    expect(percentile([4, 1, 3, 2], 0.5)).toBe(2);
    expect(percentile([4, 1, 3, 2], 0.9)).toBe(4);
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
    expect(rate(1, 3)).toBe(0.3333);
    expect(rate(0, 0)).toBeNull();
  });
});

describe('report periods over whole days', () => {
  it('reads whole days from the read model and the parts of days at date-time bounds from the ledger', () => {
    const p = periodOf({ from: '2026-11-01T12:00:00Z', to: '2026-11-03T06:00:00Z' }, 'Europe/Moscow', '2026-11-25T09:00:00.000Z');
    // Moscow days start at 21:00Z the evening before.
    expect(splitDays(p)).toEqual({
      days: ['2026-11-02', '2026-11-02'],
      slices: [
        ['2026-11-01T12:00:00.000Z', '2026-11-01T21:00:00.000Z'],
        ['2026-11-02T21:00:00.000Z', '2026-11-03T06:00:00.000Z'],
      ],
    });
    expect(splitDays(periodOf({ from: '2026-11-01', to: '2026-11-30' }, 'Europe/Moscow', '2026-11-25T09:00:00.000Z'))).toEqual({ days: ['2026-11-01', '2026-11-30'], slices: [] });
  });
});

describe('projecting a case', () => {
  const opened = openedCase({ caseId: 'c', type: 'OPENED', payload: { scenario: 'late-arrival', tone: 'constructive', channel: 'phone', ownerId: 'u1' }, fromState: null, toState: 'apologize', at: '2026-11-01T10:00:00.000Z' }, { currency: 'RUB', description: 'x' });
  const e = (type: string, payload: Record<string, unknown>, fromState: string, toState: string, at: string) => ({ caseId: 'c', type, payload, fromState, toState, at });

  it('restarts the resolution time on a reopen and keeps the first response', () => {
    let c = applyEntry(opened, e('APOLOGIZE', {}, 'apologize', 'explain', '2026-11-01T10:30:00.000Z'), []);
    c = applyEntry(c, e('FOLLOW_UP', { rating: 'bad' }, 'followUp', 'resolved', '2026-11-01T14:00:00.000Z'), []);
    c = applyEntry(c, e('REOPEN', {}, 'resolved', 'explain', '2026-11-01T15:00:00.000Z'), []);
    expect(c).toMatchObject({ firstResponseMs: 1_800_000, resolvedAt: null, reopened: 1, rating: 'bad' });
    c = applyEntry(c, e('FOLLOW_UP', { rating: 'neutral' }, 'followUp', 'resolved', '2026-11-01T20:00:00.000Z'), []);
    expect(c).toMatchObject({ resolutionMs: 10 * 3_600_000, rating: 'neutral' });
  });

  it('counts a good re-rating with words as thanks, and only that', () => {
    expect(isThanks(e('RERATED', { rating: 'good', comment: 'Спасибо!' }, 'lost', 'lost', '2026-11-02T10:00:00.000Z'))).toBe(true);
    expect(isThanks(e('RERATED', { rating: 'good' }, 'lost', 'lost', '2026-11-02T10:00:00.000Z'))).toBe(false);
    expect(isThanks(e('RERATED', { rating: 'bad', comment: 'Ужасно' }, 'lost', 'lost', '2026-11-02T10:00:00.000Z'))).toBe(false);
  });
});
