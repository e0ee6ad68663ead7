import { Channel, Tier } from '../domain/customer.js';
import type { Scenario } from '../../workflows/scenarios/index.js';
import { businessMs, durationMs, TIER_PACE } from '../sla/deadlines.js';
import { addBusinessTime } from '../sla/business-time.js';
import type { Calendar } from '../sla/calendar.js';
import { humanSpan } from '../sla/human-due.js';
import { countsBusinessTime, stepDuration } from './timer-plan.js';

export interface FirstResponseTarget {
  tier: Tier;
  channel: Channel;
  /** Working minutes when `businessHours`, wall-clock minutes otherwise. */
  minutes: number;
  businessHours: boolean;
  /** When a complaint sent now would get its first answer at the latest. */
  expectedBy: string;
  text: { ru: string; en: string };
}

/**
 * The first-response promise a support page can show: the median of the playbooks' apologize
 * deadlines (the playbook at the median brings its clock, business or wall), shortened by tier pace.
 * Every channel shares the playbooks' deadlines today, so each channel repeats its tier's figure.
 */
export function firstResponseTargets(catalog: Iterable<Scenario>, calendar: Calendar, now: string): FirstResponseTarget[] {
  const spans = [...catalog]
    .map((s) => {
      const iso = stepDuration(s, 'apologize');
      const business = countsBusinessTime(s, 'apologize');
      return { ms: business ? businessMs(iso, calendar) : durationMs(iso), business };
    })
    .sort((a, b) => a.ms - b.ms || Number(a.business) - Number(b.business));
  // The lower median is a real playbook's deadline, so its clock is a real one too.
  const median = spans[Math.floor((spans.length - 1) / 2)] ?? { ms: 4 * 3_600_000, business: false };
  const targets: FirstResponseTarget[] = [];
  for (const tier of Tier.options) {
    const ms = Math.round(median.ms * TIER_PACE[tier]);
    const expectedBy = median.business ? addBusinessTime(now, ms, calendar) : new Date(Date.parse(now) + ms).toISOString();
    const text = {
      ru: median.business ? `${humanSpan(ms, 'ru')} рабочего времени` : humanSpan(ms, 'ru'),
      en: median.business ? `${humanSpan(ms, 'en')} of business hours` : humanSpan(ms, 'en'),
    };
    for (const channel of Channel.options) targets.push({ tier, channel, minutes: Math.ceil(ms / 60_000), businessHours: median.business, expectedBy, text });
  }
  return targets;
}
