import { z } from 'zod';

export const Locale = z.enum(['ru', 'en']);
export type Locale = z.infer<typeof Locale>;

export const Tier = z.enum(['free', 'trial', 'paid', 'vip']);
export type Tier = z.infer<typeof Tier>;

export const Channel = z.enum(['email', 'chat', 'phone', 'social', 'rating', 'web']);
export type Channel = z.infer<typeof Channel>;

export const TimeZone = z.string().refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Moscow' });

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const Customer = z
  .object({
    id: z.string().min(1).max(200),
    name: z.string().min(1).max(200),
    email: z.email().optional(),
    phone: z.string().min(3).max(40).optional(),
    locale: Locale,
    timeZone: TimeZone,
    tier: Tier,
  })
  .strict();
export type Customer = z.infer<typeof Customer>;
