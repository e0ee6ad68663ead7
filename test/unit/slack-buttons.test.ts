import { describe, expect, it } from 'vitest';
import type { AlertPayload } from '../../src/alerts/payload.js';
import { slackMessage } from '../../src/alerts/slack.js';

const approval = {
  offerId: 'off_1',
  kind: 'credit',
  amount: { minor: 500_000, currency: 'RUB' as const },
  percent: null,
  requestedBy: { id: 'usr_h', name: 'Hank' },
  caseBudget: { minor: 300_000, currency: 'RUB' as const },
  caseRemaining: { minor: 300_000, currency: 'RUB' as const },
  teamRemaining: null,
  month: '2026-11',
};
const alert = (over: Partial<AlertPayload>): AlertPayload => ({
  kind: 'approvalRequested',
  reason: 'approval requested',
  caseId: 'cas_1',
  ref: 'AM-000042',
  scenario: 'property-damage',
  scenarioTitle: { ru: 'Порча имущества', en: 'Property damage' },
  tone: 'constructive',
  customer: { name: 'Anna', tier: 'vip', locale: 'en' },
  owner: { id: 'usr_h', name: 'Hank' },
  firstWords: 'The cleaner broke my vase',
  due: [],
  ...over,
});
const opts = { caseUrl: 'https://amends.example/cases/cas_1', zone: 'Europe/Moscow', outboxId: 'cas_1:3:0', locale: 'en' as const };
const actionsOf = (m: { blocks: unknown[] }) =>
  (m.blocks as Array<{ type: string; elements?: Array<{ action_id: string; text: { text: string } }> }>).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);

describe('Slack alerts that ask for a decision', () => {
  it('put Approve, Change amount and Reject beside the amount, the reasons and both budgets, in English', () => {
    const m = slackMessage(alert({ approval, reasons: ['above the case budget'] }), opts);
    expect(actionsOf(m).map((e) => e.text.text)).toEqual(['Approve', 'Change amount', 'Reject', 'Open the case']);
    const text = JSON.stringify(m.blocks);
    expect(text).toMatch(/RUB\s5,000\.00/);
    expect(text).toContain('above the case budget');
    expect(text).toContain('no team budget set');
  });

  it('keep the buttons on an overdue approval, and offer the call on a conflict waiting with nobody on duty', () => {
    expect(actionsOf(slackMessage(alert({ kind: 'deadlineMissed', step: 'approval', approval }), opts)).map((e) => e.action_id)).toContain('amends.approve');
    expect(actionsOf(slackMessage(alert({ kind: 'nobodyOnDuty', tone: 'conflict', owner: null }), opts)).map((e) => e.action_id)).toContain('amends.take-call');
    expect(actionsOf(slackMessage(alert({ kind: 'nobodyOnDuty', tone: 'constructive', owner: null }), opts)).map((e) => e.action_id)).toEqual(['open-case']);
    expect(actionsOf(slackMessage(alert({ kind: 'escalated' }), opts)).map((e) => e.action_id)).toEqual(['open-case']);
  });

  it('show who decided instead of the buttons once decided', () => {
    const m = slackMessage(alert({ approval }), { ...opts, outcome: ':white_check_mark: *Approved* by Olga' });
    expect(actionsOf(m).map((e) => e.action_id)).toEqual(['open-case']);
    expect(JSON.stringify(m.blocks)).toContain('Approved* by Olga');
  });
});
