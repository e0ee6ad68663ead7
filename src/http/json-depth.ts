import type { RequestHandler } from 'express';
import { AppError } from '../domain/errors.js';

/** No request of Amends nests deeper than a handful of levels; 32 leaves room and stops stack overflows. */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether `value` nests arrays/objects deeper than `max`. Iterative on purpose: a recursive walk, like
 * `JSON.stringify` or a validator, would overflow the stack on the very documents this guards against.
 */
export function deeperThan(value: unknown, max: number): boolean {
  const stack: Array<{ v: unknown; depth: number }> = [{ v: value, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop() as { v: unknown; depth: number };
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push({ v: child, depth: depth + 1 });
    }
  }
  return false;
}

/** Right after the body parser, before anything reads, logs or hashes the body. */
export const boundJsonDepth: RequestHandler = (req, _res, next) => {
  if (deeperThan(req.body, MAX_JSON_DEPTH)) {
    throw new AppError('validation', `the body nests deeper than ${MAX_JSON_DEPTH} levels`, {
      errors: [{ path: '(body)', message: `nesting deeper than ${MAX_JSON_DEPTH} levels` }],
    });
  }
  next();
};
