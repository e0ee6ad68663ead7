import type { Scenario } from '../../workflows/scenarios/index.js';
import type { BusinessDeadline } from '../../workflows/scenarios/schema.js';
import { addDurations, businessDueAt, dueAt } from '../sla/deadlines.js';
import type { Calendar } from '../sla/calendar.js';
import type { Tier } from '../domain/customer.js';
import type { NewTimer } from '../store/timers.js';

interface PlannedTimer {
  key: string;
  step: string;
  event: NewTimer['event'];
  duration: string;
  /** Counted in the team calendar's working time rather than on the wall clock. */
  business: boolean;
  /** The clock stands still in this state: the step waits for the customer, not for the team. */
  paused?: boolean;
}

/**
 * Step deadlines where a playbook is silent. Every state a case can wait in has a deadline, so a case
 * nobody takes (triage) or nobody calls (personalCall) still escalates to the leads.
 */
export const DEFAULT_STEP_DEADLINES = {
  triage: 'PT30M',
  personalCall: 'PT2H',
  apologize: 'PT4H',
  explain: 'PT24H',
  compensate: 'P3D',
  followUp: 'P5D',
} as const;
type WaitingStep = keyof typeof DEFAULT_STEP_DEADLINES;

const isWaitingStep = (step: string): step is WaitingStep => Object.hasOwn(DEFAULT_STEP_DEADLINES, step);

/** The duration a step may take under this playbook, or the generic default. */
export function stepDuration(scenario: Scenario, step: WaitingStep): string {
  const own = (scenario.deadlines as Partial<Record<WaitingStep, string>>)[step];
  return own ?? DEFAULT_STEP_DEADLINES[step];
}

/**
 * The deadlines a case has while it is in `path`. The engine diffs the plan of the state before and
 * after each event: timers of states left are dropped, timers of states entered are added, and a
 * timer that already fired in a state the case stays in is not added again.
 */
/** Whether the playbook counts this deadline in business time. */
export function countsBusinessTime(scenario: Scenario, deadline: BusinessDeadline): boolean {
  const b = scenario.businessHours;
  return b === true || (Array.isArray(b) && b.includes(deadline));
}

/** Whether any deadline of the playbook needs the team calendar. */
export const usesCalendar = (scenario: Scenario) => scenario.businessHours === true || (Array.isArray(scenario.businessHours) && scenario.businessHours.length > 0);

export function planTimers(path: string, scenario: Scenario): PlannedTimer[] {
  const step = path.split('.')[0] ?? path;
  const d = scenario.deadlines;
  const plan: PlannedTimer[] = [];
  if (!isWaitingStep(step)) {
    if (step === 'resolved') plan.push({ key: 'winBack', step: 'winBack', event: { type: 'WIN_BACK_EXPIRED' }, duration: d.winBack, business: false });
    return plan;
  }
  plan.push({ key: 'overall', step: 'overall', event: { type: 'DEADLINE_MISSED', step: 'overall' }, duration: d.overall, business: countsBusinessTime(scenario, 'overall') });
  // The follow-up is due only once the customer has had time to use what they got.
  const duration = step === 'followUp' ? addDurations(scenario.followUpDelay, stepDuration(scenario, step)) : stepDuration(scenario, step);
  // While an offer is with the customer the compensate step waits for them: its clock stops.
  const paused = path === 'compensate.offered';
  plan.push({ key: `step:${step}`, step, event: { type: 'DEADLINE_MISSED', step }, duration, business: countsBusinessTime(scenario, step), ...(paused ? { paused } : {}) });
  if (path === 'compensate.awaitingApproval') {
    plan.push({ key: 'approval', step: 'approval', event: { type: 'DEADLINE_MISSED', step: 'approval' }, duration: d.approval, business: countsBusinessTime(scenario, 'approval') });
  }
  return plan;
}

/** The key of the timer that says when the step a case is in now is due (what checklists and the status page show). */
export function currentDeadlineKey(path: string): string | null {
  const step = path.split('.')[0] ?? path;
  // While a lead weighs an offer the customer still waits on the compensate step: its deadline is the one to show.
  if (step === 'resolved') return 'winBack';
  return isWaitingStep(step) ? `step:${step}` : null;
}

export function timerChanges(
  fromPath: string | null,
  toPath: string,
  scenario: Scenario,
  now: string,
  tier: Tier,
  zone: string,
  calendar: Calendar | null = null,
): { drop: string[]; add: NewTimer[]; pause: string[]; resume: string[] } {
  const before = new Map((fromPath === null ? [] : planTimers(fromPath, scenario)).map((t) => [t.key, t]));
  const after = planTimers(toPath, scenario);
  const afterKeys = new Set(after.map((t) => t.key));
  const drop = [...before.keys()].filter((k) => !afterKeys.has(k));
  const add = after
    .filter((t) => !before.has(t.key))
    .map((t) => {
      // Without a calendar (a playbook that never asked for one) business deadlines fall back to the wall clock.
      const business = t.business && calendar !== null;
      const due = business ? businessDueAt(now, t.duration, tier, calendar) : dueAt(now, t.duration, tier, zone);
      return { key: t.key, step: t.step, event: t.event, dueAt: due, plannedFrom: now, duration: t.duration, business };
    });
  // A timer kept across the event stops or restarts its clock when the state says so; a new one born
  // paused is added and stopped at once.
  const pause = after.filter((t) => t.paused && !before.get(t.key)?.paused).map((t) => t.key);
  const resume = after.filter((t) => !t.paused && before.get(t.key)?.paused).map((t) => t.key);
  return { drop, add, pause, resume };
}

/**
 * When the step the case is in now falls due: its pending timer, or, once that fired, the missed one
 * (so a late step shows how late it is). Null where the state has no deadline (a closed case).
 */
export function currentStepDue(path: string, timers: ReadonlyArray<{ key: string; status: string; dueAt: string }>): string | null {
  const key = currentDeadlineKey(path);
  if (key === null) return null;
  const pending = timers.find((t) => t.key === key && t.status === 'pending');
  if (pending) return pending.dueAt;
  const fired = timers.filter((t) => t.key === key && t.status === 'fired').sort((a, b) => b.dueAt.localeCompare(a.dueAt));
  return fired[0]?.dueAt ?? null;
}
