import { AppError } from '../domain/errors.js';
import { hmacHex, isFresh, matchesAny } from '../intake/hmac.js';

/** Slack's signing scheme: `v0=<hex HMAC-SHA256 of "v0:<timestamp>:<raw body>">` with the app's signing secret. */
export function signSlack(secret: string, timestamp: string, rawBody: Buffer | string): string {
  return `v0=${hmacHex(secret, `v0:${timestamp}:`, rawBody)}`;
}

const refuse = (why: string) => new AppError('unauthorized', why, { title: 'A valid Slack signature is required' });

/**
 * Check `X-Slack-Signature` against the raw body in constant time; 401 when the secret is not
 * configured, the timestamp is more than 5 minutes off (a replayed click), or the signature differs.
 */
export function verifySlack(secret: string | undefined, timestamp: string | undefined, signature: string | undefined, rawBody: Buffer, now: Date): void {
  if (!secret) throw refuse('Slack interactions are not configured: set AMENDS_SLACK_SIGNING_SECRET');
  if (!isFresh(timestamp, now)) throw refuse('X-Slack-Request-Timestamp is missing, too old or from the future');
  if (!matchesAny(signature, signSlack(secret, timestamp, rawBody))) throw refuse('X-Slack-Signature does not match the body');
}
