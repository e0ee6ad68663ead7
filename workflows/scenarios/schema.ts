import { z } from 'zod';
import { CURRENCIES } from '../../src/domain/money.js';
import { VALUED_OFFER_KINDS } from '../../src/domain/offers.js';

const Localized = z.object({ ru: z.string().min(1), en: z.string().min(1) }).strict();
export type Localized = z.infer<typeof Localized>;

/** ISO 8601 duration such as PT2H or P3D; the engine turns it into due times with luxon. */
const IsoDuration = z.string().regex(/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/, 'must be an ISO 8601 duration like PT2H');

export const STEPS = ['triage', 'personalCall', 'apologize', 'explain', 'compensate', 'followUp', 'resolved'] as const;
export type Step = (typeof STEPS)[number];

const ChecklistItem = z.object({ id: z.string().regex(/^[a-z0-9-]+$/), do: Localized, say: Localized.optional() }).strict();

/** Each currency the team budgets in needs its own amount: no exchange rates in budgets. */
const BudgetByCurrency = z.object(Object.fromEntries(CURRENCIES.map((c) => [c, z.number().int().min(0)])) as Record<(typeof CURRENCIES)[number], z.ZodNumber>).strict();

/** A suggested offer costs the same in every currency the team budgets in: no exchange rates. */
const ValueByCurrency = z.object(Object.fromEntries(CURRENCIES.map((c) => [c, z.number().int().positive()])) as Record<(typeof CURRENCIES)[number], z.ZodNumber>).strict();

/**
 * A suggested offer, shaped like the OFFER payload so the case view can hand it over as it is:
 * a discount names its percent, every other kind its value per currency.
 */
const SuggestedOffer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('discount'), percent: z.number().int().min(1).max(100), title: Localized }).strict(),
  z.object({ kind: z.enum(VALUED_OFFER_KINDS), value: ValueByCurrency, title: Localized }).strict(),
]);
export type SuggestedOffer = z.output<typeof SuggestedOffer>;

const RecoveryBand = z.object({ maxLateMinutes: z.number().int().positive().optional(), percent: z.number().min(0).max(100) }).strict();

/** Deadlines that may count business time instead of the wall clock (win-back always runs on the wall clock). */
export const BUSINESS_DEADLINES = ['triage', 'personalCall', 'apologize', 'explain', 'compensate', 'followUp', 'overall', 'approval'] as const;
export type BusinessDeadline = (typeof BUSINESS_DEADLINES)[number];

export const Scenario = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: Localized,
    description: Localized,
    severity: z.enum(['low', 'medium', 'high', 'critical']),
    tone: z.enum(['constructive', 'conflict']).default('constructive'),
    recognise: z
      .object({
        aspects: z.array(z.string()).default([]),
        /**
         * Matched on stems (src/intake/stem.ts): write a word in any form ("опоздали" also finds
         * "опоздание"); a phrase's words may come in any order a few words apart, except that a phrase
         * opening with a negation ("не пришли", "never came") keeps its order. Longer phrases weigh more.
         */
        keywords: z.object({ ru: z.array(z.string()), en: z.array(z.string()) }).strict(),
      })
      .strict(),
    budget: BudgetByCurrency,
    offers: z.array(SuggestedOffer).min(1),
    deadlines: z
      .object({
        personalCall: IsoDuration.optional(),
        apologize: IsoDuration.optional(),
        explain: IsoDuration.optional(),
        compensate: IsoDuration.optional(),
        followUp: IsoDuration.optional(),
        overall: IsoDuration,
        approval: IsoDuration.default('PT4H'),
        winBack: IsoDuration.default('P60D'),
      })
      .strict(),
    /**
     * Which deadlines count the team's working hours (true: all of them but win-back). Off by default:
     * a playbook keeps wall-clock time unless it says otherwise.
     */
    businessHours: z.union([z.boolean(), z.array(z.enum(BUSINESS_DEADLINES))]).default(false),
    followUpDelay: IsoDuration,
    checklists: z.partialRecord(z.enum(STEPS), z.array(ChecklistItem).min(1)),
    templates: z.record(z.string(), z.string()).default({}),
    recovery: z
      .object({ description: Localized, bands: z.array(RecoveryBand).min(1) })
      .strict()
      .optional(),
  })
  .strict();

export type ScenarioInput = z.input<typeof Scenario>;
export type Scenario = z.output<typeof Scenario>;

/** Declare a playbook; validated when the catalog loads. */
export function defineScenario(s: ScenarioInput): ScenarioInput {
  return s;
}
