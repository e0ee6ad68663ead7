/**
 * The scenario catalog: every playbook file in this folder, validated by zod when loaded.
 * Adding a scenario is one file here and one line in SCENARIO_FILES.
 */
import { Scenario, type ScenarioInput } from './schema.js';
import lateArrival from './late-arrival.js';
import propertyDamage from './property-damage.js';
import hostileUnclear from './hostile-unclear.js';
import billingError from './billing-error.js';
import dataError from './data-error.js';
import missingItem from './missing-item.js';
import noShow from './no-show.js';
import notADefect from './not-a-defect.js';
import overtime from './overtime.js';
import poorQuality from './poor-quality.js';
import rudeStaff from './rude-staff.js';
import serviceOutage from './service-outage.js';
import thirdPartyIntegration from './third-party-integration.js';
import wrongTimeSlot from './wrong-time-slot.js';
import suppliesMissing from './supplies-missing.js';
import accessKeys from './access-keys.js';
import allergyProducts from './allergy-products.js';
import suspectedTheft from './suspected-theft.js';
import petHarmed from './pet-harmed.js';
import doubleCharge from './double-charge.js';
import refundDelay from './refund-delay.js';
import promoNotApplied from './promo-not-applied.js';
import bookingFailed from './booking-failed.js';
import cancellationFee from './cancellation-fee.js';
import executorReplaced from './executor-replaced.js';
import deliveryDamaged from './delivery-damaged.js';
import wrongOrder from './wrong-order.js';
import slowSupport from './slow-support.js';
import accountLocked from './account-locked.js';
import personalDataMistake from './personal-data-mistake.js';
import other from './other.js';

const SCENARIO_FILES: ScenarioInput[] = [
  lateArrival,
  propertyDamage,
  hostileUnclear,
  billingError,
  dataError,
  missingItem,
  noShow,
  notADefect,
  overtime,
  poorQuality,
  rudeStaff,
  serviceOutage,
  thirdPartyIntegration,
  wrongTimeSlot,
  suppliesMissing,
  accessKeys,
  allergyProducts,
  suspectedTheft,
  petHarmed,
  doubleCharge,
  refundDelay,
  promoNotApplied,
  bookingFailed,
  cancellationFee,
  executorReplaced,
  deliveryDamaged,
  wrongOrder,
  slowSupport,
  accountLocked,
  personalDataMistake,
  other,
];

export type { Scenario } from './schema.js';
export { STEPS, type Step } from './schema.js';

export function loadCatalog(inputs: ScenarioInput[] = SCENARIO_FILES): ReadonlyMap<string, Scenario> {
  const catalog = new Map<string, Scenario>();
  for (const input of inputs) {
    const parsed = Scenario.safeParse(input);
    if (!parsed.success) {
      const where = typeof input === 'object' && input && 'id' in input ? String(input.id) : '?';
      throw new Error(`scenario ${where} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    if (catalog.has(parsed.data.id)) throw new Error(`scenario ${parsed.data.id} is defined twice`);
    catalog.set(parsed.data.id, parsed.data);
  }
  return catalog;
}

export const catalog = loadCatalog();

/** The share charged back to the at-fault executor under the scenario's rule, as a ratio 0..1. */
export function recoveryRatio(scenario: Scenario, lateMinutes: number | undefined): number | null {
  if (!scenario.recovery) return null;
  const band = scenario.recovery.bands.find((b) => b.maxLateMinutes === undefined || (lateMinutes ?? 0) <= b.maxLateMinutes);
  return band ? band.percent / 100 : null;
}
