import { Duration } from 'luxon';
import { dueAt } from '../sla/deadlines.js';
import type { Channel, Customer, Locale } from '../domain/customer.js';
import type { OfferInPlay } from '../../workflows/complaint.js';
import type { Scenario } from '../../workflows/scenarios/index.js';
import { lint, type Finding } from './lint.js';
import { smsSegments, type SmsSegments } from './segments.js';
import type { TemplateData, TemplateName, Variant } from './template-data.js';
import { hasTemplate, htmlFromHandlerText, renderTemplate } from './templates.js';

/** Why a message goes to the customer; each purpose has a stock template. */
export const PURPOSES = ['apology', 'explanation', 'offer', 'approval', 'followUp', 'notADefect', 'reopen', 'callNote'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const TEMPLATE_OF: Record<Purpose, TemplateName> = {
  apology: 'apology',
  explanation: 'explanation',
  offer: 'offer',
  approval: 'approval',
  followUp: 'follow-up',
  notADefect: 'not-a-defect',
  reopen: 'reopen',
  callNote: 'call-note',
};

/** The step whose entry in a playbook's `templates` names the template of this purpose. */
const STEP_OF: Partial<Record<Purpose, string>> = { apology: 'apologize', explanation: 'explain', offer: 'compensate', followUp: 'followUp', callNote: 'personalCall' };

/**
 * The template for a purpose in this playbook: the playbook may name one by template name
 * (`templates: { 'not-a-defect': 'billing-explained' }`) or by step (`templates: { apologize: 'apology' }`).
 */
export function templateFor(scenario: Scenario, purpose: Purpose): string {
  const step = STEP_OF[purpose];
  const byStep = step ? scenario.templates[step] : undefined;
  // A step may name a template of another purpose (compensate → not-a-defect); it only counts for its own.
  const own = byStep && (byStep === TEMPLATE_OF[purpose] || !(Object.values(TEMPLATE_OF) as string[]).includes(byStep)) ? byStep : undefined;
  return scenario.templates[TEMPLATE_OF[purpose]] ?? own ?? TEMPLATE_OF[purpose];
}

/** What a handler previews in each state when no template is named. */
export function purposeOfState(state: string, scenario: Scenario): Purpose {
  if (state === 'personalCall') return 'callNote';
  if (state === 'explain') return 'explanation';
  if (state === 'compensate.awaitingApproval') return 'approval';
  if (state.startsWith('compensate')) return scenario.templates.compensate === 'not-a-defect' ? 'notADefect' : 'offer';
  if (state === 'followUp' || state === 'wonBack' || state === 'lost') return 'followUp';
  if (state === 'resolved') return 'reopen';
  return 'apology';
}

/**
 * The channel variant for a message. Phone conversations get a short SMS in writing afterwards (an
 * e-mail when there is no phone number); ratings and web forms are answered where the customer can
 * be reached: e-mail first, then SMS, then the chat.
 */
export function variantFor(channel: Channel | 'sms' | undefined, customer: Pick<Customer, 'email' | 'phone'>): Variant {
  switch (channel) {
    case 'email':
      return 'email';
    case 'sms':
      return 'sms';
    case 'chat':
    case 'social':
      return 'chat';
    case 'phone':
      return customer.phone ? 'sms' : customer.email ? 'email' : 'chat';
    default:
      return customer.email ? 'email' : customer.phone ? 'sms' : 'chat';
  }
}

export type OfferData = NonNullable<TemplateData['offer']>;

export function offerData(offer: OfferInPlay): OfferData {
  return { kind: offer.kind, percent: offer.percent, amount: offer.kind === 'discount' ? null : (offer.approved ?? offer.value) };
}

/** Days in a playbook's follow-up delay (a handful of texts, parsed once each). */
const delayDays = new Map<string, number>();
function daysOf(iso: string): number {
  let days = delayDays.get(iso);
  if (days === undefined) {
    days = Math.max(0, Math.round(Duration.fromISO(iso).as('days')));
    if (delayDays.size < 100) delayDays.set(iso, days);
  }
  return days;
}

/**
 * When the follow-up is due: the playbook's delay after now, counted in the customer's zone (DST-safe),
 * with the deadlines' arithmetic (whole days without building luxon DateTimes on every message).
 */
export function followUpOf(scenario: Scenario, now: string, zone: string): { at: string; days: number } {
  return { at: dueAt(now, scenario.followUpDelay, 'free', zone), days: daysOf(scenario.followUpDelay) };
}

/** Text a handler typed ends a sentence in the template: drop its own final full stop. */
export const clause = (s: string | null | undefined): string | null => (s ? s.trim().replace(/[.。]+$/u, '') || null : null);

export const TEAM_SIGNATURE: Record<Locale, string> = { ru: 'Служба заботы о клиентах', en: 'Customer care' };

export interface ComposedMessage {
  template: string;
  channel: Variant;
  locale: Locale;
  subject?: string;
  body: string;
  html?: string;
  segments?: SmsSegments;
  findings: Finding[];
  /** The handler wrote the body themself instead of sending the template. */
  edited: boolean;
}

/**
 * Render a message, or take the handler's own text in its place, and lint what would be sent. The
 * e-mail subject always comes from the template; a handler's text becomes the body and, escaped, the
 * HTML part.
 */
export function composeMessage(opts: { scenarioId: string; template: string; variant: Variant; data: TemplateData; text?: string | undefined }): ComposedMessage {
  const { data, variant } = opts;
  if (!hasTemplate(data.locale, opts.scenarioId, opts.template, variant)) throw new RangeError(`no template ${opts.template}`);
  const rendered = renderTemplate({ locale: data.locale, scenarioId: opts.scenarioId, name: opts.template, variant, data });
  const own = opts.text?.trim();
  const body = own ? own : rendered.body;
  const message: ComposedMessage = { template: opts.template, channel: variant, locale: data.locale, body, findings: [], edited: Boolean(own) };
  if (variant === 'email') {
    message.subject = rendered.subject;
    message.html = own ? htmlFromHandlerText(own, data.locale) : rendered.html;
  }
  if (variant === 'sms') message.segments = smsSegments(body);
  message.findings = lint('any', [message.subject, body].filter(Boolean).join('\n'));
  return message;
}
