import { DateTime } from 'luxon';
import type { AlertPayload } from './payload.js';
import { approvalSection, decisionButtons } from './slack-actions.js';

export type { AlertPayload } from './payload.js';
export type TeamLocale = 'ru' | 'en';

/**
 * Customer text is data. Slack mrkdwn needs its own escaping of & < > (a complaint containing
 * `<!channel>` or `<@U123>` must not ping anyone, nor `<http://x|y>` become a link); the characters
 * that open mrkdwn formatting are neutralised too, so a comment cannot dress itself up.
 */
export function escapeMrkdwn(text: string): string {
  return escapeControl(text)
    // A zero-width joiner after these stops bold, italics, strikes, code and bare-link autolinking.
    .replace(/([*_~`|])/g, '$1\u200b')
    .replace(/(\w):\/\//g, '$1:\u200b//');
}

/** The three characters Slack itself requires escaped: no mention, no link, no command. */
export function escapeControl(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

type Kind = 'conflict' | 'escalated' | 'deadlineMissed' | 'approvalOverdue' | 'approvalRequested' | 'reopened' | 'nobodyOnDuty' | 'recoveryProposed';

const HEADINGS: Record<TeamLocale, Record<Kind, string>> = {
  en: {
    conflict: ':rotating_light: Conflict case: call the customer personally',
    escalated: ':arrow_double_up: Case escalated',
    deadlineMissed: ':alarm_clock: Deadline missed',
    approvalOverdue: ':hourglass: Approval overdue',
    approvalRequested: ':moneybag: Compensation waits for approval',
    reopened: ':leftwards_arrow_with_hook: Case reopened',
    nobodyOnDuty: ':zzz: Nobody on duty: the case waits in triage',
    recoveryProposed: ':receipt: Recovery from the provider proposed',
  },
  ru: {
    conflict: ':rotating_light: Конфликт: позвоните клиенту лично',
    escalated: ':arrow_double_up: Обращение эскалировано',
    deadlineMissed: ':alarm_clock: Срок пропущен',
    approvalOverdue: ':hourglass: Согласование просрочено',
    approvalRequested: ':moneybag: Компенсация ждёт согласования',
    reopened: ':leftwards_arrow_with_hook: Обращение открыто снова',
    nobodyOnDuty: ':zzz: Никого нет на смене: обращение ждёт в разборе',
    recoveryProposed: ':receipt: Предложено удержание с исполнителя',
  },
};

const LABELS = {
  en: { customer: 'Customer', owner: 'Owner', scenario: 'Scenario', due: 'Due', nobody: 'nobody yet', nothingDue: 'nothing scheduled', complaint: 'Complaint', open: 'Open the case', approvals: 'Approvals inbox', why: 'Why' },
  ru: { customer: 'Клиент', owner: 'Ответственный', scenario: 'Сценарий', due: 'Срок', nobody: 'пока никто', nothingDue: 'сроков нет', complaint: 'Жалоба', open: 'Открыть обращение', approvals: 'Согласования', why: 'Почему' },
} as const;

/** A missed approval deadline is its own alert: a lead owes a decision. */
function kindOf(alert: AlertPayload): string {
  return alert.kind === 'deadlineMissed' && alert.step === 'approval' ? 'approvalOverdue' : alert.kind;
}

function when(iso: string, zone: string, locale: TeamLocale): string {
  const d = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).setLocale(locale);
  return d.isValid ? d.toFormat('d MMM HH:mm ZZZZ') : iso;
}

export interface SlackOptions {
  caseUrl: string;
  /** The leads' approvals inbox in the console: linked from alerts that wait for a decision. */
  approvalsUrl?: string | undefined;
  locale: TeamLocale;
  /** The team's zone: deadlines are read by the team. */
  zone: string;
  /** The outbox id, shown in the message so a duplicate delivery can be recognised. */
  outboxId: string;
  /** Once decided: who decided what, when (mrkdwn, escaped); replaces the decision buttons. */
  outcome?: string | undefined;
}

/** A Block Kit message for one alert, with a plain `text` fallback for notifications. */
export function slackMessage(alert: AlertPayload, o: SlackOptions): { text: string; blocks: unknown[] } {
  const kind = kindOf(alert);
  const heading = HEADINGS[o.locale][kind as Kind] ?? `${kind}`;
  const l = LABELS[o.locale];
  const title = alert.scenarioTitle?.[o.locale] ?? alert.scenario;
  const owner = alert.owner ? escapeMrkdwn(alert.owner.name) : `_${l.nobody}_`;
  const due = (alert.due ?? []).map((d) => `${escapeMrkdwn(d.step)}: ${when(d.dueAt, o.zone, o.locale)}`).join('\n') || l.nothingDue;
  const fields = [
    `*${l.customer}*\n${escapeMrkdwn(alert.customer.name)} (${escapeMrkdwn(alert.customer.tier)})`,
    `*${l.owner}*\n${owner}`,
    `*${l.scenario}*\n${escapeMrkdwn(title)}`,
    `*${l.due}*\n${due}`,
  ];
  const detail = [`*${l.complaint}:* ${escapeMrkdwn(alert.firstWords ?? '')}`, escapeMrkdwn(alert.reason)];
  if (alert.reasons?.length && !alert.approval) detail.push(`*${l.why}:* ${escapeMrkdwn(alert.reasons.join('; '))}`);
  const plainHeading = heading.replace(/:[a-z_]+: /, '');
  return {
    // The fallback is shown in notifications, where mrkdwn is not rendered: it stays escaped all the same.
    text: `${plainHeading}: ${escapeMrkdwn(alert.ref)} · ${escapeMrkdwn(title)} · ${escapeMrkdwn(alert.customer.name)}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: `${plainHeading}: ${alert.ref}`.slice(0, 150), emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: `${heading} — <${o.caseUrl}|${escapeMrkdwn(alert.ref)}>` } },
      { type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn', text })) },
      { type: 'section', text: { type: 'mrkdwn', text: detail.join('\n').slice(0, 3000) } },
      ...(alert.approval ? [approvalSection(alert.approval, alert.reasons ?? [], o.locale)] : []),
      ...(o.outcome ? [{ type: 'section', block_id: 'amends.outcome', text: { type: 'mrkdwn', text: o.outcome.slice(0, 3000) } }] : []),
      {
        type: 'actions',
        block_id: 'amends.actions',
        elements: [
          ...(o.outcome ? [] : decisionButtons(alert, o.locale, o.outboxId)),
          { type: 'button', text: { type: 'plain_text', text: l.open }, url: o.caseUrl, action_id: 'open-case' },
          // A request still waiting for a lead also links the console's inbox, where the others wait too.
          ...(alert.approval && !o.outcome && o.approvalsUrl ? [{ type: 'button', text: { type: 'plain_text', text: l.approvals }, url: o.approvalsUrl, action_id: 'open-approvals' }] : []),
        ],
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `amends:${escapeControl(o.outboxId)}` }] },
    ],
  };
}
