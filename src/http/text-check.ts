import type { RequestHandler } from 'express';
import { AppError } from '../domain/errors.js';

const NUL = '\u0000';

/** The path of the first key or string in `value` holding U+0000, or undefined. Iterative, like deeperThan. */
export function nulPath(value: unknown): string | undefined {
  const stack: Array<{ v: unknown; path: string }> = [{ v: value, path: '' }];
  while (stack.length > 0) {
    const { v, path } = stack.pop() as { v: unknown; path: string };
    if (typeof v === 'string') {
      if (v.includes(NUL)) return path || '(body)';
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    for (const [k, child] of Object.entries(v)) {
      const at = path ? `${path}.${k}` : k;
      if (k.includes(NUL)) return at;
      stack.push({ v: child, path: at });
    }
  }
  return undefined;
}

/**
 * No text of Amends holds the NUL character, and PostgreSQL cannot store it in text at all: refuse it
 * at the door, in the URL and in JSON bodies, the same way on every database (400, not a 500 later).
 */
export const refuseNul: RequestHandler = (req, _res, next) => {
  if (/%00/.test(req.originalUrl)) {
    throw new AppError('validation', 'the URL contains the NUL character', { errors: [{ path: '(url)', message: 'must not contain %00' }] });
  }
  const path = nulPath(req.body);
  if (path !== undefined) {
    throw new AppError('validation', 'text must not contain the NUL character (U+0000)', { errors: [{ path, message: 'must not contain the NUL character' }] });
  }
  next();
};
