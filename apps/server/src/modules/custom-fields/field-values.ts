import type { CustomField, ErrorDetail, FieldValue } from '@agent-crm/contracts';
import { z } from 'zod';
import { normalizeEmail, normalizePhone } from '../contacts/normalize';

type FieldDefinition = Pick<CustomField, 'key' | 'label' | 'type' | 'options' | 'required'>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'on']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'off']);

/** The schema one field's value must satisfy, producing the stored (normalized) value. */
export function fieldValueSchema(
  field: FieldDefinition,
  defaultCountry: string,
): z.ZodType<FieldValue> {
  switch (field.type) {
    case 'text':
      return z.string().trim().max(1_000, 'Use at most 1,000 characters');
    case 'long_text':
      return z.string().trim().max(10_000, 'Use at most 10,000 characters');
    case 'number':
      return z
        .union([
          z.number(),
          z
            .string()
            .trim()
            .regex(/^-?\d+(\.\d+)?$/, 'Enter a number'),
        ])
        .transform(Number)
        .pipe(z.number({ error: 'Enter a number' }));
    case 'date':
      return z.string().trim().refine(isRealDate, 'Enter a date as YYYY-MM-DD');
    case 'boolean':
      return z.union([
        z.boolean(),
        z
          .string()
          .trim()
          .toLowerCase()
          .refine((v) => TRUE_WORDS.has(v) || FALSE_WORDS.has(v), 'Use yes or no')
          .transform((v) => TRUE_WORDS.has(v)),
      ]);
    case 'select':
      return z.string().refine((v) => field.options.includes(v), {
        message: `Choose one of: ${field.options.join(', ')}`,
      });
    case 'multi_select':
      return z
        .array(z.string())
        .max(field.options.length)
        .refine((values) => values.every((v) => field.options.includes(v)), {
          message: `Choose from: ${field.options.join(', ')}`,
        })
        .transform((values) => [...new Set(values)]);
    case 'email':
      return z.string().transform((value, ctx) => {
        const email = normalizeEmail(value);
        if (email === null) {
          ctx.addIssue({ code: 'custom', message: 'Enter a valid email address' });
          return z.NEVER;
        }
        return email;
      });
    case 'phone':
      return z.string().transform((value, ctx) => {
        const phone = normalizePhone(value, defaultCountry);
        if (phone === null) {
          ctx.addIssue({ code: 'custom', message: 'Enter a valid phone number' });
          return z.NEVER;
        }
        return phone;
      });
    case 'url':
      return z
        .url({ protocol: /^https?$/, message: 'Enter a web address starting with http(s)://' })
        .max(2_000);
  }
}

export type FieldValuesResult =
  { ok: true; values: Record<string, FieldValue> } | { ok: false; details: ErrorDetail[] };

/**
 * Validates custom values against the agent's field definitions — the one function used by manual
 * edits, the API, import, forms and capture. `null` clears a value; unknown keys are refused.
 * With `requireAll`, every required field must end up with a value (after merging `existing`).
 */
export function parseFieldValues(
  definitions: FieldDefinition[],
  input: Record<string, unknown>,
  options: { defaultCountry: string; requireAll?: boolean; existing?: Record<string, unknown> },
): FieldValuesResult {
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  const values: Record<string, FieldValue> = {};
  const details: ErrorDetail[] = [];
  for (const [key, raw] of Object.entries(input)) {
    const definition = byKey.get(key);
    if (!definition) {
      details.push({ path: `fields.${key}`, message: 'There is no custom field with this key' });
      continue;
    }
    if (raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0)) {
      if (definition.required) {
        details.push({ path: `fields.${key}`, message: `${definition.label} is required` });
      } else {
        values[key] = null;
      }
      continue;
    }
    const parsed = fieldValueSchema(definition, options.defaultCountry).safeParse(raw);
    if (parsed.success) values[key] = parsed.data;
    else
      details.push({
        path: `fields.${key}`,
        message: parsed.error.issues[0]?.message ?? 'Invalid value',
      });
  }
  if (options.requireAll) {
    for (const definition of definitions) {
      if (!definition.required || definition.key in input) continue;
      const value = options.existing?.[definition.key];
      if (value === undefined || value === null) {
        details.push({
          path: `fields.${definition.key}`,
          message: `${definition.label} is required`,
        });
      }
    }
  }
  return details.length > 0 ? { ok: false, details } : { ok: true, values };
}
