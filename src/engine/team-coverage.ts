import type { Role } from '../domain/roles.js';
import { coverage, openAt } from '../sla/coverage.js';
import type { Db } from '../store/db.js';
import { onDutyNow } from './assign.js';
import { teamCalendar } from './team-calendar.js';

/** The longest span one coverage question may ask about. */
export const MAX_COVERAGE_DAYS = 31;

export interface TeamCoverage {
  timeZone: string;
  from: string;
  to: string;
  /** When at least one schedule is open, merged; `shifts` say which (`team` is the main calendar). */
  intervals: Array<{ from: string; to: string; shifts: Array<{ rota: string; from: string; to: string }> }>;
  coveredMinutes: number;
  now: {
    at: string;
    /** The schedules open right now. */
    open: string[];
    onDuty: Array<{ id: string; name: string; role: Role; rota: string | null; by: 'hours' | 'rota' | 'always' }>;
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * When the team is covered between two instants (the main calendar and every rota, overlaps merged),
 * and who is on duty at `now`: what a lead looks at to see whether the night is covered.
 */
export async function teamCoverage(db: Db, teamZone: string, fromMs: number, toMs: number, now: Date): Promise<TeamCoverage> {
  const calendar = await teamCalendar(db, teamZone);
  const covered = coverage(calendar, fromMs, toMs);
  const people = await onDutyNow(db, now, teamZone);
  return {
    timeZone: calendar.timeZone,
    from: iso(fromMs),
    to: iso(toMs),
    intervals: covered.map((c) => ({ from: iso(c.start), to: iso(c.end), shifts: c.shifts.map((s) => ({ rota: s.by, from: iso(s.start), to: iso(s.end) })) })),
    coveredMinutes: Math.round(covered.reduce((sum, c) => sum + c.end - c.start, 0) / 60_000),
    now: {
      at: now.toISOString(),
      open: openAt(calendar, now.getTime()),
      onDuty: people.map((p) => ({ id: p.id, name: p.name, role: p.role, rota: p.rota, by: p.hours ? 'hours' : p.rota && calendar.rotas?.some((r) => r.name === p.rota) ? 'rota' : 'always' })),
    },
  };
}
