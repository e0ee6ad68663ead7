import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The pieces every signed webhook shares (intake from the booking system, interactions from Slack):
 * an HMAC-SHA256 over the timestamp and the raw body, a freshness window, and a constant-time compare.
 */

/** How far a request's timestamp may be from now, either way: a captured request cannot be replayed later. */
export const TOLERANCE_SECONDS = 300;

/** Hex HMAC-SHA256 of `prefix` followed by the raw body bytes. */
export function hmacHex(secret: string, prefix: string, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(prefix).update(rawBody).digest('hex');
}

/** Whether a unix-seconds timestamp is well formed and within the tolerance of `now`. */
export function isFresh(timestamp: string | undefined, now: Date): timestamp is string {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(now.getTime() / 1000 - Number(timestamp)) <= TOLERANCE_SECONDS;
}

/** Whether any of the signatures given (separated by spaces or commas, for secret rotation) equals `expected`, in constant time. */
export function matchesAny(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const want = Buffer.from(expected);
  return given
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((candidate) => {
      const got = Buffer.from(candidate);
      return got.length === want.length && timingSafeEqual(got, want);
    });
}
