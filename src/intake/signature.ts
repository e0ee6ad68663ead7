import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../domain/errors.js';

/** How far a request's timestamp may be from now, either way: a captured request cannot be replayed later. */
export const TOLERANCE_SECONDS = 300;

/** `v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`, as the sender computes it. */
export function signIntake(secret: string, timestamp: string, rawBody: Buffer | string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex')}`;
}

const refuse = (why: string) => new AppError('unauthorized', why, { title: 'A valid intake signature is required' });

/**
 * Check an intake request's signature in constant time; throws 401 when it is missing, stale, or
 * does not match. Several signatures may be sent separated by spaces or commas (secret rotation).
 */
export function verifyIntake(secret: string | undefined, timestamp: string | undefined, signature: string | undefined, rawBody: Buffer, now: Date): void {
  if (!secret) throw refuse('intake is not configured: set AMENDS_INTAKE_SECRET');
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) throw refuse('X-Amends-Timestamp must be unix seconds');
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) throw refuse('the request is too old or from the future: check the clock');
  if (!signature) throw refuse('X-Amends-Signature is missing');
  const expected = Buffer.from(signIntake(secret, timestamp, rawBody));
  const matches = signature
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((candidate) => {
      const given = Buffer.from(candidate);
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  if (!matches) throw refuse('the signature does not match the body');
}
