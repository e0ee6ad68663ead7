import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { z } from 'zod';
import { AppError } from '../domain/errors.js';
import { issuesToFieldErrors } from '../engine/validation.js';

const NoQuery = z.object({}).strict();

/** For GETs that take no query parameters: one given is a mistake the client should hear of. */
export function noQuery(req: Request): void {
  parse(NoQuery, req.query, 'query');
}

/** Parse with a strict zod schema; a failure lists every wrong field and nothing is changed. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, what = 'body'): z.output<S> {
  if (what === 'query') {
    // `?limit=200&limit=1` arrives as a list; say so, rather than "expected number, received NaN".
    const repeated = Object.entries(value as Record<string, unknown>).filter(([, v]) => typeof v !== 'string');
    if (repeated.length > 0) throw new AppError('validation', 'invalid query', { errors: repeated.map(([k]) => ({ path: k, message: 'give this parameter once, as plain text' })) });
  }
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError('validation', `invalid ${what}`, { errors: issuesToFieldErrors(r.error.issues, `(${what})`) });
  return r.data;
}

/**
 * `Idempotency-Key` plus a hash of what was asked, so a reused key with another body is refused.
 * Takes the body as validated: hashing only what passed the schema keeps hostile input away from
 * `JSON.stringify`, and two spellings of the same request (e.g. padded text) count as one.
 */
export function idempotencyOf(req: Request, validated: unknown): { key: string; requestHash: string } | undefined {
  const key = req.get('idempotency-key');
  if (key === undefined) return undefined;
  if (key.length < 1 || key.length > 200) {
    throw new AppError('validation', 'Idempotency-Key must be 1–200 characters', { errors: [{ path: 'Idempotency-Key', message: 'length 1–200' }] });
  }
  const requestHash = createHash('sha256').update(`${req.method} ${req.baseUrl}${req.path}\n${JSON.stringify(validated ?? null)}`).digest('hex');
  return { key, requestHash };
}

/** `If-Match: "3"`, `W/"3"` or `3` → 3; `*` (any version, RFC 9110) checks nothing. */
export function ifMatchOf(req: Request): number | undefined {
  const raw = req.get('if-match');
  if (raw === undefined || raw.trim() === '*') return undefined;
  // A version is a safe integer: longer digit strings would round (1e+23) and match nothing anyway.
  const m = /^(?:W\/)?"?(\d{1,15})"?$/.exec(raw.trim());
  if (!m) throw new AppError('validation', 'If-Match must be the case version, e.g. "3"', { errors: [{ path: 'If-Match', message: 'expected a version number' }] });
  return Number(m[1]);
}
