import type { z } from 'zod';
import type { FieldError } from '../domain/errors.js';

/**
 * zod's issues as the API's field errors: one per field, the first found (a blank text would
 * otherwise be both "too small" and "must not be blank"), and an unknown key named at its own path
 * (`priority`, `customer.mood`). `root` names the whole value: `(body)`, `(query)`.
 */
export function issuesToFieldErrors(issues: ReadonlyArray<z.core.$ZodIssue>, root = '(body)'): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const add = (path: string, message: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    errors.push({ path, message });
  };
  for (const i of issues) {
    const at = i.path.map(String).join('.');
    if (i.code === 'unrecognized_keys') for (const key of i.keys) add(at ? `${at}.${key}` : key, root === '(query)' ? 'unknown query parameter' : 'unknown field');
    else add(at || root, i.message);
  }
  return errors;
}
