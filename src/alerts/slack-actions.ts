import { DateTime } from 'luxon';
import { formatMoney, type Money } from '../domain/money.js';
import type { AlertPayload, ApprovalFacts } from './payload.js';
import { escapeMrkdwn, type TeamLocale } from './slack.js';

/**
 * The interactive parts of Slack alerts: the buttons of an approval request and of a conflict case,
 * the modals behind "Change amount" and "Reject", and the line that replaces the buttons once decided.
 */

export const ACTION = { approve: 'amends.approve', change: 'amends.change', reject: 'amends.reject', takeCall: 'amends.take-call' } as const;
export const VIEW = { change: 'amends.change', reject: 'amends.reject' } as const;
export const FIELD = { amount: 'amount', comment: 'comment' } as const;

/** What a button carries back: the case, the approval request it answers, the alert it sits in. */
export interface ButtonValue {
  c: string;
  o?: string | undefined;
  a: string;
}

export const LABELS = {
  en: {
    approve: 'Approve',
    change: 'Change amount',
    reject: 'Reject',
    takeCall: "I'll call",
    amount: 'Amount',
    requestedBy: 'Asked by',
    why: 'Needs a lead because',
    caseLeft: 'Case budget left',
    teamLeft: "Team's month left",
    noTeamBudget: 'no team budget set',
    of: 'of',
    comment: 'Comment',
    reason: 'Why reject',
    send: 'Decide',
    cancel: 'Cancel',
    changeTitle: 'Approve another amount',
    rejectTitle: 'Reject the request',
    approvedInSlack: 'Approved in Slack',
    approved: 'Approved',
    rejected: 'Rejected',
    calling: 'takes the personal call',
    by: 'by',
  },
  ru: {
    approve: 'Одобрить',
    change: 'Изменить сумму',
    reject: 'Отклонить',
    takeCall: 'Позвоню я',
    amount: 'Сумма',
    requestedBy: 'Запросил(а)',
    why: 'Нужно согласование, потому что',
    caseLeft: 'Остаток бюджета обращения',
    teamLeft: 'Остаток бюджета команды на месяц',
    noTeamBudget: 'бюджет команды не задан',
    of: 'из',
    comment: 'Комментарий',
    reason: 'Причина отказа',
    send: 'Решить',
    cancel: 'Отмена',
    changeTitle: 'Одобрить другую сумму',
    rejectTitle: 'Отклонить запрос',
    approvedInSlack: 'Одобрено в Slack',
    approved: 'Одобрено',
    rejected: 'Отклонено',
    calling: 'звонит клиенту лично',
    by: '—',
  },
} as const;

/** The engine's reasons are English; the team reads them in its language. */
const REASONS_RU: Record<string, string> = {
  'above the personal limit': 'выше личного лимита',
  'no personal limit': 'нет личного лимита',
  'above the case budget': 'выше бюджета обращения',
  'above the team’s monthly budget': 'выше месячного бюджета команды',
};

function reasonText(reason: string, locale: TeamLocale): string {
  if (locale === 'en') return reason;
  const discount = /^discount above (\d+)%$/.exec(reason);
  if (discount) return `скидка больше ${discount[1]}%`;
  return REASONS_RU[reason] ?? reason;
}

function offerText(a: ApprovalFacts, locale: TeamLocale): string {
  const amount = formatMoney(a.amount, locale);
  return a.percent !== null ? `${a.percent}% (${amount})` : amount;
}

/** The money beside the buttons: amount, why it needs a lead, the case budget and the team's month. */
export function approvalSection(a: ApprovalFacts, reasons: string[], locale: TeamLocale): unknown {
  const l = LABELS[locale];
  const lines = [
    `*${l.amount}:* ${escapeMrkdwn(offerText(a, locale))} · ${escapeMrkdwn(a.kind)}`,
    `*${l.requestedBy}:* ${escapeMrkdwn(a.requestedBy.name)}`,
    ...(reasons.length ? [`*${l.why}:* ${escapeMrkdwn(reasons.map((r) => reasonText(r, locale)).join('; '))}`] : []),
    `*${l.caseLeft}:* ${formatMoney(a.caseRemaining, locale)} ${l.of} ${formatMoney(a.caseBudget, locale)}`,
    `*${l.teamLeft}* (${a.month}): ${a.teamRemaining ? formatMoney(a.teamRemaining, locale) : `_${l.noTeamBudget}_`}`,
  ];
  return { type: 'section', block_id: 'amends.approval', text: { type: 'mrkdwn', text: lines.join('\n') } };
}

const button = (text: string, actionId: string, value: ButtonValue, style?: 'primary' | 'danger') => ({
  type: 'button',
  text: { type: 'plain_text', text },
  action_id: actionId,
  value: JSON.stringify(value),
  ...(style ? { style } : {}),
});

/** The buttons an alert asks a decision with: Approve / Change amount / Reject, or "I'll call". */
export function decisionButtons(alert: AlertPayload, locale: TeamLocale, outboxId: string): unknown[] {
  const l = LABELS[locale];
  // An overdue approval still waits for the same decision.
  const asksApproval = alert.kind === 'approvalRequested' || (alert.kind === 'deadlineMissed' && alert.step === 'approval');
  if (asksApproval && alert.approval) {
    const v = { c: alert.caseId, o: alert.approval.offerId, a: outboxId };
    return [button(l.approve, ACTION.approve, v, 'primary'), button(l.change, ACTION.change, v), button(l.reject, ACTION.reject, v, 'danger')];
  }
  // A conflict case waiting in triage (nobody on duty) is taken the same way: taking it starts the call.
  if (alert.kind === 'conflict' || (alert.kind === 'nobodyOnDuty' && alert.tone === 'conflict')) return [button(l.takeCall, ACTION.takeCall, { c: alert.caseId, a: outboxId }, 'primary')];
  return [];
}

/** What the modal remembers between the click and the submission (Slack's `private_metadata`, at most 3000 characters). */
export interface ModalMeta extends ButtonValue {
  /** Where the original message is updated once decided. */
  r: string;
}

const input = (blockId: string, label: string, element: Record<string, unknown>) => ({ type: 'input', block_id: blockId, label: { type: 'plain_text', text: label }, element: { action_id: blockId, ...element } });

/** The modal of "Change amount" (amount in major units and a comment) or "Reject" (the reason). */
export function decisionModal(kind: 'change' | 'reject', meta: ModalMeta, amount: Money | undefined, locale: TeamLocale): Record<string, unknown> {
  const l = LABELS[locale];
  const blocks =
    kind === 'change'
      ? [
          input(FIELD.amount, `${l.amount}${amount ? `, ${amount.currency}` : ''}`, {
            type: 'number_input',
            is_decimal_allowed: true,
            min_value: '0.01',
            ...(amount ? { initial_value: (amount.minor / 100).toFixed(2), max_value: (amount.minor / 100).toFixed(2) } : {}),
          }),
          input(FIELD.comment, l.comment, { type: 'plain_text_input', multiline: true, max_length: 2000 }),
        ]
      : [input(FIELD.comment, l.reason, { type: 'plain_text_input', multiline: true, max_length: 2000 })];
  return {
    type: 'modal',
    callback_id: kind === 'change' ? VIEW.change : VIEW.reject,
    private_metadata: JSON.stringify(meta),
    title: { type: 'plain_text', text: (kind === 'change' ? l.changeTitle : l.rejectTitle).slice(0, 24) },
    submit: { type: 'plain_text', text: l.send },
    close: { type: 'plain_text', text: l.cancel },
    blocks,
  };
}

/** Who decided what, when — the line that replaces the buttons. */
export function outcomeLine(
  o: { decision: 'approved' | 'rejected' | 'calling'; by: string; at: string; value?: Money | undefined; comment?: string | undefined },
  locale: TeamLocale,
  zone: string,
): string {
  const l = LABELS[locale];
  const at = DateTime.fromISO(o.at, { zone: 'utc' }).setZone(zone).setLocale(locale).toFormat('d MMM HH:mm ZZZZ');
  const who = escapeMrkdwn(o.by);
  if (o.decision === 'calling') return `:telephone_receiver: *${who}* ${l.calling} · ${at}`;
  const head = o.decision === 'approved' ? `:white_check_mark: *${l.approved}*${o.value ? ` ${formatMoney(o.value, locale)}` : ''}` : `:no_entry: *${l.rejected}*`;
  const comment = o.comment ? `\n> ${escapeMrkdwn(o.comment).replace(/\n/g, '\n> ')}` : '';
  return `${head} ${l.by} ${who} · ${at}${comment}`;
}
