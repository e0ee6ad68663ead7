import type { z } from 'zod';
import type { FieldError } from '../domain/errors.js';

export function issuesToFieldErrors(issues: ReadonlyArray<z.core.$ZodIssue>): FieldError[] {
  return issues.map((i) => ({
    path: i.path.map(String).join('.') || '(body)',
    message: i.code === 'unrecognized_keys' ? `unknown field${i.keys.length > 1 ? 's' : ''}: ${i.keys.join(', ')}` : i.message,
  }));
}
