import type { Scenario } from '../../workflows/scenarios/index.js';
import { addDurations, dueAt } from '../sla/deadlines.js';
import type { Tier } from '../domain/customer.js';
import type { NewTimer } from '../store/timers.js';

interface PlannedTimer {
  key: string;
  step: string;
  event: NewTimer['event'];
  duration: string;
}

/**
 * The deadlines a case has while it is in `path`. The engine diffs the plan of the state before and
 * after each event: timers of states left are dropped, timers of states entered are added, and a
 * timer that already fired in a state the case stays in is not added again.
 */
export function planTimers(path: string, scenario: Scenario): PlannedTimer[] {
  const step = path.split('.')[0] ?? path;
  const d = scenario.deadlines;
  const plan: PlannedTimer[] = [];
  const open = step !== 'resolved' && step !== 'wonBack' && step !== 'lost';
  if (open) plan.push({ key: 'overall', step: 'overall', event: { type: 'DEADLINE_MISSED', step: 'overall' }, duration: d.overall });
  const stepDuration =
    step === 'followUp' && d.followUp ? addDurations(scenario.followUpDelay, d.followUp) : (d as Record<string, string | undefined>)[step];
  if (open && step !== 'triage' && stepDuration) {
    plan.push({ key: `step:${step}`, step, event: { type: 'DEADLINE_MISSED', step }, duration: stepDuration });
  }
  if (path === 'compensate.awaitingApproval') {
    plan.push({ key: 'approval', step: 'approval', event: { type: 'DEADLINE_MISSED', step: 'approval' }, duration: d.approval });
  }
  if (step === 'resolved') plan.push({ key: 'winBack', step: 'winBack', event: { type: 'WIN_BACK_EXPIRED' }, duration: d.winBack });
  return plan;
}

export function timerChanges(
  fromPath: string | null,
  toPath: string,
  scenario: Scenario,
  now: string,
  tier: Tier,
  zone: string,
): { drop: string[]; add: NewTimer[] } {
  const before = new Map((fromPath === null ? [] : planTimers(fromPath, scenario)).map((t) => [t.key, t]));
  const after = planTimers(toPath, scenario);
  const afterKeys = new Set(after.map((t) => t.key));
  const drop = [...before.keys()].filter((k) => !afterKeys.has(k));
  const add = after
    .filter((t) => !before.has(t.key))
    .map((t) => ({ key: t.key, step: t.step, event: t.event, dueAt: dueAt(now, t.duration, tier, zone) }));
  return { drop, add };
}
