import { AppError } from '../domain/errors.js';
import { hmacHex, isFresh, matchesAny } from './hmac.js';

export { TOLERANCE_SECONDS } from './hmac.js';

/** `v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`, as the sender computes it. */
export function signIntake(secret: string, timestamp: string, rawBody: Buffer | string): string {
  return `v1=${hmacHex(secret, `${timestamp}.`, rawBody)}`;
}

const refuse = (why: string) => new AppError('unauthorized', why, { title: 'A valid intake signature is required' });

/**
 * Check an intake request's signature in constant time; throws 401 when it is missing, stale, or
 * does not match. Several signatures may be sent separated by spaces or commas (secret rotation).
 */
export function verifyIntake(secret: string | undefined, timestamp: string | undefined, signature: string | undefined, rawBody: Buffer, now: Date): void {
  if (!secret) throw refuse('intake is not configured: set AMENDS_INTAKE_SECRET');
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) throw refuse('X-Amends-Timestamp must be unix seconds');
  if (!isFresh(timestamp, now)) throw refuse('the request is too old or from the future: check the clock');
  if (!signature) throw refuse('X-Amends-Signature is missing');
  if (!matchesAny(signature, signIntake(secret, timestamp, rawBody))) throw refuse('the signature does not match the body');
}
