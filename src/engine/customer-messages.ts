import type { ComplaintContext, MessageParams } from '../../workflows/complaint.js';
import type { Scenario } from '../../workflows/scenarios/index.js';
import { Channel } from '../domain/customer.js';
import { AppError } from '../domain/errors.js';
import { isLead, type Actor } from '../domain/roles.js';
import { clause, composeMessage, followUpOf, offerData, TEAM_SIGNATURE, templateFor, variantFor, type ComposedMessage, type Purpose } from '../responses/compose.js';
import type { TemplateData } from '../responses/template-data.js';
import type { CaseRecord } from '../store/cases.js';
import { scenarioOf, type Engine } from './engine.js';
import { catalog } from '../../workflows/scenarios/index.js';
import { hasTemplate } from '../responses/templates.js';
import { VARIANTS } from '../responses/template-data.js';
import { PURPOSES } from '../responses/compose.js';

/** Every template a playbook can send, in every locale and channel; the first one missing is named. */
export function missingTemplate(scenarios: Iterable<Scenario>): string | null {
  for (const s of scenarios) {
    const names = new Set([...Object.values(s.templates), ...PURPOSES.map((p) => templateFor(s, p))]);
    for (const name of names) for (const locale of ['ru', 'en'] as const) for (const variant of VARIANTS) if (!hasTemplate(locale, s.id, name, variant)) return `${s.id}: ${locale}/${name}.${variant}.hbs`;
  }
  return null;
}

// A playbook that names a template nobody wrote stops the process at start, not at its first case.
const missing = missingTemplate(catalog.values());
if (missing) throw new Error(`playbook template missing: ${missing}`);

export interface CustomerMessage extends ComposedMessage {
  purpose: Purpose;
  /** Set when a lead sent it despite the lint's findings. */
  lintOverride?: { reason: string; findings: ComposedMessage['findings'] };
}

/** Free text the event carries for the templates: an explanation's cause, a skip's reason. */
export interface MessageFacts {
  cause?: string | undefined;
  prevention?: string | undefined;
  reason?: string | undefined;
}

/** Everything a template may read about this case, checked against `TemplateData` before rendering. */
export function templateData(engine: Engine, c: CaseRecord, scenario: Scenario, context: ComplaintContext, actor: Actor, now: string, facts: MessageFacts = {}): TemplateData {
  const locale = c.customer.locale;
  const followUp = followUpOf(scenario, now, c.customer.timeZone);
  return {
    locale,
    timeZone: c.customer.timeZone,
    // A name is one line of data: line breaks in it must not reshape the message.
    customer: { name: c.customer.name.replace(/\s+/g, ' ').trim() || c.customer.id },
    ref: c.ref,
    statusUrl: `${engine.config.publicUrl}/status/${c.statusToken}`,
    scenario: { id: scenario.id, title: scenario.title[locale] },
    signature: actor.kind === 'user' ? actor.name : TEAM_SIGNATURE[locale],
    cause: clause(facts.cause),
    prevention: clause(facts.prevention),
    reason: clause(facts.reason),
    // Only an offer really made: before the compensate step makes one there is nothing to name, and a
    // playbook's suggestions are for the handler, never a promise to the customer.
    offer: context.offer && context.offer.status !== 'reverted' ? offerData(context.offer) : null,
    followUpAt: followUp.at,
    followUpDays: followUp.days,
  };
}

type SendingEvent = { type: string; text?: unknown; lintOverride?: unknown; cause?: unknown; prevention?: unknown; reason?: unknown };
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Render and lint the customer messages of one transition, in its transaction. A flagged message
 * refuses the whole event (422, with the findings) unless a lead overrides it with a reason; only a
 * lead may send `lintOverride` at all.
 */
export function composeCustomerMessages(engine: Engine, c: CaseRecord, context: ComplaintContext, params: MessageParams[], event: SendingEvent, actor: Actor, now: string): CustomerMessage[] {
  const override = event.lintOverride as { reason: string } | undefined;
  if (override && !isLead(actor)) throw new AppError('forbidden', 'only a lead may override the blame lint');
  if (params.length === 0) return [];
  const scenario = scenarioOf(engine, c.scenario);
  const facts: MessageFacts = { cause: str(event.cause), prevention: str(event.prevention), reason: str(event.reason) };
  const messages: CustomerMessage[] = [];
  for (const p of params) {
    if (p.silent) continue;
    const channel = Channel.safeParse(p.channel ?? c.channel);
    const variant = variantFor(channel.success ? channel.data : undefined, c.customer);
    const data = templateData(engine, c, scenario, context, actor, now, facts);
    const composed = composeMessage({ scenarioId: scenario.id, template: p.template ?? templateFor(scenario, p.purpose), variant, data, text: p.text });
    const message: CustomerMessage = { purpose: p.purpose, ...composed };
    if (composed.findings.length > 0) {
      if (!override) {
        throw new AppError('messageRefused', `the ${p.purpose} message would shift blame or read cold: ${composed.findings.map((f) => `"${f.phrase}"`).join(', ')}`, {
          findings: composed.findings,
        });
      }
      message.lintOverride = { reason: override.reason, findings: composed.findings };
    }
    messages.push(message);
  }
  return messages;
}

/** What the journal keeps of a sent message: enough for the timeline to show what went out. */
export function journalForm(m: CustomerMessage) {
  return {
    purpose: m.purpose,
    template: m.template,
    channel: m.channel,
    edited: m.edited,
    ...(m.subject !== undefined ? { subject: m.subject } : {}),
    body: m.body,
    ...(m.lintOverride ? { lintOverride: m.lintOverride } : {}),
  };
}
