import type { Locale } from '../domain/customer.js';
import type { FieldError } from '../domain/errors.js';
import type { Currency } from '../domain/money.js';
import { t } from './i18n.js';
import { parseMajor } from './money-input.js';

type Json = Record<string, unknown>;

export interface FieldOption {
  value: string;
  label: string;
  selected: boolean;
}

/** One input of an action form, derived from the JSON Schema of the event's payload. */
export interface Field {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'select' | 'money' | 'integer';
  required: boolean;
  value: string;
  options?: FieldOption[];
  hint?: string;
  error?: string;
  currency?: string;
  /** The field where a message to the customer is written: the composer's preview applies to it. */
  composer?: boolean;
}

/** Text a person writes at length. */
const LONG_TEXT = new Set(['text', 'cause', 'prevention', 'reason', 'summary', 'comment', 'note']);
/** Payload fields the console fills itself or does not offer (the offer's catalogue title, the request id). */
const NOT_ASKED = new Set(['title', 'offerId']);

const isMoney = (p: Json) => p.type === 'object' && typeof p.properties === 'object' && p.properties !== null && 'minor' in p.properties && 'currency' in p.properties;

/** Properties of a schema; a union (`oneOf`) of objects contributes all its members' properties. */
function propertiesOf(schema: Json): { props: Map<string, Json>; required: Set<string> } {
  const variants = (schema.oneOf ?? schema.anyOf) as Json[] | undefined;
  const members = Array.isArray(variants) && variants.every((v) => v.type === 'object') ? variants : [schema];
  const props = new Map<string, Json>();
  const requiredSets: Array<Set<string>> = [];
  for (const m of members) {
    for (const [name, p] of Object.entries((m.properties ?? {}) as Record<string, Json>)) {
      const prior = props.get(name);
      const values = [...enumOf(prior ?? {}), ...enumOf(p)];
      props.set(name, values.length > 0 ? { ...p, enum: [...new Set(values)] } : (prior ?? p));
    }
    requiredSets.push(new Set((m.required ?? []) as string[]));
  }
  // Required only where every member requires it; the engine's validation says the rest.
  const required = new Set([...(requiredSets[0] ?? [])].filter((n) => requiredSets.every((s) => s.has(n))));
  return { props, required };
}

function enumOf(p: Json): string[] {
  if (typeof p.const === 'string') return [p.const];
  return Array.isArray(p.enum) ? (p.enum as unknown[]).filter((x): x is string => typeof x === 'string') : [];
}

function label(locale: Locale, key: string, fallback: string): string {
  const text = t(locale, key);
  return text === key ? fallback : text;
}

export interface FormOptions {
  locale: Locale;
  isLead: boolean;
  currency: Currency;
  /** What the person typed last time (a re-rendered form keeps it). */
  values?: Record<string, string>;
  errors?: Record<string, string>;
  /** Who a case can be given to (ASSIGN / REASSIGN by a lead). */
  people?: Array<{ id: string; name: string }>;
}

/** The inputs of an action form for `type`, built from its payload schema (as `allowedEvents` gives it). */
export function fieldsFor(type: string, schema: unknown, o: FormOptions): Field[] {
  const { props, required } = propertiesOf(schema as Json);
  const fields: Field[] = [];
  for (const [name, p] of props) {
    if (NOT_ASKED.has(name)) continue;
    if (name === 'lintOverride' && !o.isLead) continue;
    const value = o.values?.[name] ?? '';
    const base = {
      name,
      label: label(o.locale, `field.${type}.${name}`, label(o.locale, `field.${name}`, name)),
      required: required.has(name),
      value,
      ...(o.errors?.[name] ? { error: o.errors[name] } : {}),
    };
    const hintKey = `hint.${type}.${name}`;
    const hint = label(o.locale, hintKey, label(o.locale, `hint.${name}`, ''));
    const withHint = hint ? { hint } : {};
    if (name === 'ownerId' && o.people) {
      fields.push({ ...base, kind: 'select', options: o.people.map((x) => ({ value: x.id, label: x.name, selected: x.id === value })), ...withHint });
    } else if (isMoney(p)) {
      fields.push({ ...base, kind: 'money', currency: o.currency, ...withHint });
    } else if (enumOf(p).length > 0 || p.type === 'boolean') {
      const values = p.type === 'boolean' ? ['true', 'false'] : enumOf(p);
      const options = values.map((v) => ({ value: v, label: label(o.locale, `option.${name}.${v}`, v), selected: v === value }));
      fields.push({ ...base, kind: 'select', options: required.has(name) ? options : [{ value: '', label: label(o.locale, `option.${name}.default`, '—'), selected: value === '' }, ...options], ...withHint });
    } else if (p.type === 'integer' || p.type === 'number') {
      fields.push({ ...base, kind: 'integer', ...withHint });
    } else {
      fields.push({ ...base, kind: LONG_TEXT.has(name) || name === 'lintOverride' ? 'textarea' : 'text', ...(name === 'text' ? { composer: true } : {}), ...withHint });
    }
  }
  return fields;
}

/**
 * The event a submitted form stands for: empty inputs are left out, amounts in major units become
 * minor units in the case's currency. What is left for the engine to judge, it judges (dispatch
 * validates the payload and answers with field errors).
 */
export function payloadFrom(type: string, schema: unknown, body: Record<string, unknown>, o: { locale: Locale; currency: Currency }): { event: Json; errors: FieldError[] } {
  const { props } = propertiesOf(schema as Json);
  const event: Json = { type };
  const errors: FieldError[] = [];
  for (const [name, p] of props) {
    const raw = typeof body[name] === 'string' ? (body[name] as string).trim() : '';
    if (raw === '' || NOT_ASKED.has(name)) continue;
    if (isMoney(p)) {
      const m = parseMajor(raw, o.currency);
      if (m) event[name] = m;
      else errors.push({ path: name, message: t(o.locale, 'form.notAnAmount') });
    } else if (p.type === 'boolean') {
      event[name] = raw === 'true';
    } else if (p.type === 'integer' || p.type === 'number') {
      if (/^-?\d{1,15}$/.test(raw)) event[name] = Number(raw);
      else errors.push({ path: name, message: t(o.locale, 'form.notANumber') });
    } else if (name === 'lintOverride') {
      event[name] = { reason: raw };
    } else {
      event[name] = raw;
    }
  }
  return { event, errors };
}

/** Field errors keyed by the form field they belong to (`value.minor` → `value`). */
export function errorsByField(errors: FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const name = e.path.split('.')[0] || '_form';
    out[name] = out[name] ? `${out[name]}; ${e.message}` : e.message;
  }
  return out;
}
