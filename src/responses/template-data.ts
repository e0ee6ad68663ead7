import { z } from 'zod';
import { Locale } from '../domain/customer.js';
import { Money } from '../domain/money.js';
import { OFFER_KINDS } from '../domain/offers.js';

/** The customer messages Amends writes; each has a template per locale and channel variant. */
export const TEMPLATE_NAMES = ['apology', 'explanation', 'offer', 'approval', 'follow-up', 'not-a-defect', 'reopen', 'call-note'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** How a message reaches the customer: e-mail (subject, text and HTML), a chat reply, or an SMS. */
export const VARIANTS = ['email', 'chat', 'sms'] as const;
export type Variant = (typeof VARIANTS)[number];

const OfferData = z
  .object({
    kind: z.enum(OFFER_KINDS),
    percent: z.number().int().nullable(),
    amount: Money.nullable(),
  })
  .strict();

/**
 * Everything a template may read. `strict: true` in Handlebars catches a misspelt field, but not a
 * helper's missing argument or an `#if` on nothing: this schema checks the data before every render.
 */
export const TemplateData = z
  .object({
    locale: Locale,
    timeZone: z.string().min(1),
    customer: z.object({ name: z.string().min(1) }).strict(),
    ref: z.string().min(1),
    statusUrl: z.string().min(1),
    scenario: z.object({ id: z.string(), title: z.string().min(1) }).strict(),
    signature: z.string().min(1),
    cause: z.string().nullable(),
    prevention: z.string().nullable(),
    reason: z.string().nullable(),
    /** The offer made on this case; null until the compensate step makes one (a playbook's suggestions never reach the customer). */
    offer: OfferData.nullable(),
    followUpAt: z.string().min(1),
    followUpDays: z.number().int().min(0),
  })
  .strict();
export type TemplateData = z.infer<typeof TemplateData>;

/** Data that renders every branch of a template: used to prove each one at start. */
export function sampleData(locale: Locale, over: Partial<TemplateData> = {}): TemplateData {
  return {
    locale,
    timeZone: 'Europe/Moscow',
    customer: { name: locale === 'ru' ? 'Мария' : 'Maria' },
    ref: 'AM-000001',
    statusUrl: 'http://localhost:3000/status/sample',
    scenario: { id: 'late-arrival', title: locale === 'ru' ? 'Опоздание исполнителя' : 'Late arrival' },
    signature: locale === 'ru' ? 'Анна' : 'Anna',
    cause: locale === 'ru' ? 'Исполнитель выехал слишком поздно' : 'The provider left too late',
    prevention: locale === 'ru' ? 'Теперь выезжаем с запасом в 30 минут' : 'We now leave 30 minutes earlier',
    reason: locale === 'ru' ? 'Так работает округление в счёте' : 'This is how rounding works on the invoice',
    offer: { kind: 'credit', percent: null, amount: { minor: 50_000, currency: 'RUB' } },
    followUpAt: '2026-11-28T09:00:00.000Z',
    followUpDays: 3,
    ...over,
  };
}
