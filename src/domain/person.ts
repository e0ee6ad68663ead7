import { z } from 'zod';
import { NonNegativeMoney } from './money.js';
import { ROLES } from './roles.js';
import { lineOfText } from './text.js';

/** An e-mail as stored and compared: trimmed and lower-case, so one person per address whatever its casing. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** An e-mail address, normalised like `normaliseEmail` before it is checked. */
export const Email = z.string().trim().toLowerCase().max(320).check(z.email());

/** The shortest password the console accepts, whoever sets it. */
export const MIN_PASSWORD_LENGTH = 8;
export const Password = z.string().min(MIN_PASSWORD_LENGTH).max(200);

/** A new person, as the API and the CLI take them: the same rules from either. */
export const NewUserInput = z
  .object({
    name: lineOfText(200).trim(),
    role: z.enum(ROLES),
    limit: NonNegativeMoney.nullable().optional().describe('what the person may offer without approval, in the team currency; a handler without one offers nothing alone'),
    email: Email.optional(),
    password: Password.optional(),
  })
  .strict();
export type NewUserInput = z.infer<typeof NewUserInput>;
