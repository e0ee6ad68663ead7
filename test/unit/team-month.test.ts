/**
 * The team budget's month, in the team's time zone, as the calls come: each call gets its own month
 * and zone even though the last answer is kept.
 */
import { expect, it } from 'vitest';
import { monthOf } from '../../src/engine/budget.js';

it('answers each instant with its own month in its own zone, across month ends and zones', () => {
  const moscow = 'Europe/Moscow';
  expect(monthOf('2026-01-31T20:59:59.999Z', moscow)).toMatchObject({ month: '2026-01', from: '2025-12-31T21:00:00.000Z', to: '2026-01-31T21:00:00.000Z' });
  expect(monthOf('2026-01-31T21:00:00.000Z', moscow)).toMatchObject({ month: '2026-02', from: '2026-01-31T21:00:00.000Z', to: '2026-02-28T21:00:00.000Z' });
  expect(monthOf('2026-01-15T12:00:00.000Z', moscow).month).toBe('2026-01');
  expect(monthOf('2026-01-31T21:30:00.000Z', 'UTC')).toMatchObject({ month: '2026-01', from: '2026-01-01T00:00:00.000Z' });
  expect(monthOf('2026-01-31T22:30:00.000+01:00', 'UTC').month).toBe('2026-01');
  // Without an offset an instant is read as UTC, whatever the machine's own zone.
  expect(monthOf('2026-01-31T21:30:00', moscow).month).toBe('2026-02');
  expect(monthOf('2026-02-01T00:30:00', 'UTC').month).toBe('2026-02');
});
