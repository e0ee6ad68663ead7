import { z } from 'zod';
import { lineOfText } from './text.js';

export const Locale = z.enum(['ru', 'en']);
export type Locale = z.infer<typeof Locale>;

export const Tier = z.enum(['free', 'trial', 'paid', 'vip']);
export type Tier = z.infer<typeof Tier>;

export const Channel = z.enum(['email', 'chat', 'phone', 'social', 'rating', 'web']);
export type Channel = z.infer<typeof Channel>;

/** The shape of an IANA zone name; the runtime's zone database decides whether it exists. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

export const TimeZone = z
  .string()
  .max(64)
  .regex(ZONE_NAME, 'must be an IANA time zone such as Europe/Moscow')
  .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Moscow' })
  .describe('an IANA time zone known to the tz database, e.g. Europe/Moscow or America/New_York');

const knownZones = new Map<string, boolean>();

/** Whether the runtime knows this IANA zone; answers are cached (building a formatter is costly). */
export function isTimeZone(tz: string): boolean {
  let known = knownZones.get(tz);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      known = true;
    } catch {
      known = false;
    }
    if (knownZones.size < 1000) knownZones.set(tz, known);
  }
  return known;
}

const digits = (s: string): number => s.replace(/[^0-9]/g, '').length;

/** A phone number as people write it: digits with an optional leading +, spaces, dashes, dots and brackets. */
export const Phone = z
  .string()
  .max(40)
  .regex(/^\+?[0-9 ().-]+$/, 'must be a phone number: digits, optionally +, spaces, dashes, dots, brackets')
  .refine((s) => digits(s) >= 3 && digits(s) <= 15, 'must have 3 to 15 digits');

export const Customer = z
  .object({
    id: lineOfText(200),
    name: lineOfText(200),
    email: z.email().optional(),
    phone: Phone.optional(),
    locale: Locale,
    timeZone: TimeZone,
    tier: Tier,
  })
  .strict();
export type Customer = z.infer<typeof Customer>;
