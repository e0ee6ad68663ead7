import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { AppError } from '../domain/errors.js';

const NUL = '\u0000';
/** With the u flag a paired surrogate reads as one character; only an unpaired half is in category Cs. */
const LONE_SURROGATE = /\p{Cs}/u;

/** What is wrong with one string as text, or undefined: NUL, or half of a surrogate pair. */
function flaw(s: string): string | undefined {
  if (s.includes(NUL)) return 'must not contain the NUL character';
  // `\ud800` alone is valid JSON but no character: strict JSON parsers and PostgreSQL refuse it later.
  if (LONE_SURROGATE.test(s)) return 'must not contain an unpaired surrogate (e.g. \\ud800)';
  return undefined;
}

/** The path of the first key or string in `value` that is not clean text, with what is wrong. Iterative, like deeperThan. */
function badTextPath(value: unknown): { path: string; message: string } | undefined {
  const stack: Array<{ v: unknown; path: string }> = [{ v: value, path: '' }];
  while (stack.length > 0) {
    const { v, path } = stack.pop() as { v: unknown; path: string };
    if (typeof v === 'string') {
      const message = flaw(v);
      if (message) return { path: path || '(body)', message };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    for (const [k, child] of Object.entries(v)) {
      const at = path ? `${path}.${k}` : k;
      const message = flaw(k);
      if (message) return { path: at, message };
      stack.push({ v: child, path: at });
    }
  }
  return undefined;
}

/**
 * No text of Amends holds NUL (PostgreSQL cannot store it at all) or an unpaired surrogate (no
 * character; strict JSON readers of our answers would fail on it). Refused at the door, in the URL and
 * in parsed bodies, JSON or forms, the same way on every database: 400, not a 500 or a broken list later.
 */
export const refuseBadText: RequestHandler = (req, _res, next) => {
  if (/%00/.test(req.originalUrl)) {
    throw new AppError('validation', 'the URL contains the NUL character', { errors: [{ path: '(url)', message: 'must not contain %00' }] });
  }
  assertCleanText(req.body);
  next();
};

/** Throw the 400 of the first string in `value` that is not clean text . */
export function assertCleanText(value: unknown): void {
  const bad = badTextPath(value);
  if (bad) throw new AppError('validation', `text ${bad.message}`, { errors: [bad] });
}

/**
 * The status page's forms hold at most 2,000 characters of text (the textarea's `maxlength`), which
 * a browser sends as UTF-8, percent-encoded: up to 4 bytes a character (emoji), 3 characters a byte.
 */
export const FORM_LIMIT = '32kb';

/** For body parsers' `verify`: bytes that are not UTF-8 would be read as U+FFFD and stored so, silently. */
export function requireUtf8(_req: IncomingMessage, _res: unknown, buf: Buffer): void {
  if (!isUtf8(buf)) throw new AppError('validation', 'the body is not valid UTF-8', { errors: [{ path: '(body)', message: 'invalid UTF-8 bytes' }] });
}
