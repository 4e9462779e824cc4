import {
  FORM_BUILT_IN_TARGETS,
  FORM_CUSTOM_TARGETS,
  isInputField,
  type CustomField,
  type ErrorDetail,
  type FormField,
  type FormFieldWrite,
} from '@agent-crm/contracts';
import { AppError } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { fieldValueSchema } from '../custom-fields/field-values';
import { normalizeEmail, normalizePhone } from '../contacts/normalize';

function validationError(details: ErrorDetail[]): AppError {
  const paths = [...new Set(details.map((d) => d.path))].join(', ');
  return new AppError('validation_failed', `Check these fields: ${paths}`, { details });
}

/**
 * Checks a form's fields against the agent's contact fields and gives every field an id:
 * options for selects, sensible mappings to existing fields, no two inputs for one contact field.
 */
export function prepareFormFields(
  input: readonly FormFieldWrite[],
  customFields: readonly CustomField[],
): FormField[] {
  const details: ErrorDetail[] = [];
  const seenIds = new Set<string>();
  const seenTargets = new Set<string>();
  const byKey = new Map(customFields.map((field) => [field.key, field]));
  const fields = input.map((raw, index): FormField => {
    const at = (key: string) => `fields.${String(index)}.${key}`;
    const id = raw.id ?? newId();
    if (seenIds.has(id)) details.push({ path: at('id'), message: 'Each field needs its own id' });
    seenIds.add(id);
    const isInput = isInputField(raw.type);
    const options = raw.options ? [...new Set(raw.options.map((o) => o.trim()))] : undefined;
    if ((raw.type === 'select' || raw.type === 'multi_select') && !options?.length) {
      details.push({ path: at('options'), message: 'Give at least one option' });
    }
    const mapTo = raw.mapTo;
    if (mapTo !== undefined) {
      if (!isInput || raw.type === 'file') {
        details.push({ path: at('mapTo'), message: 'Only answer fields can fill a contact field' });
      } else if (seenTargets.has(mapTo)) {
        details.push({ path: at('mapTo'), message: 'Another field already fills this one' });
      } else if (mapTo === 'name' || mapTo === 'email' || mapTo === 'phone') {
        if (!FORM_BUILT_IN_TARGETS[mapTo].includes(raw.type)) {
          details.push({
            path: at('mapTo'),
            message: `A ${raw.type.replace('_', ' ')} field cannot fill the contact's ${mapTo}`,
          });
        }
      } else {
        const custom = byKey.get(mapTo.slice('field:'.length));
        if (!custom) {
          details.push({ path: at('mapTo'), message: 'There is no custom field with this key' });
        } else if (!FORM_CUSTOM_TARGETS[custom.type].includes(raw.type)) {
          details.push({
            path: at('mapTo'),
            message: `A ${raw.type.replace('_', ' ')} field cannot fill "${custom.label}" (${custom.type.replace('_', ' ')})`,
          });
        } else if (
          (custom.type === 'select' || custom.type === 'multi_select') &&
          options?.some((option) => !custom.options.includes(option))
        ) {
          details.push({
            path: at('options'),
            message: `Options must be among "${custom.label}"'s: ${custom.options.join(', ')}`,
          });
        }
      }
      seenTargets.add(mapTo);
    }
    return {
      id,
      type: raw.type,
      label: raw.label,
      required: isInput ? (raw.required ?? false) : false,
      ...(raw.helpText ? { helpText: raw.helpText } : {}),
      ...(raw.placeholder && isInput ? { placeholder: raw.placeholder } : {}),
      ...(options && (raw.type === 'select' || raw.type === 'multi_select') ? { options } : {}),
      ...(mapTo !== undefined && isInput ? { mapTo } : {}),
    };
  });
  if (details.length > 0) throw validationError(details);
  return fields;
}

export type ContactInput = {
  name?: string;
  email?: string;
  phone?: string;
  fields: Record<string, unknown>;
};

export type PreparedAnswers = {
  /** Normalized answers keyed by field id; file answers are added once stored. */
  answers: Record<string, unknown>;
  contact: ContactInput;
  hasIdentity: boolean;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TRUE_WORDS = new Set(['true', 'on', 'yes', '1']);
const FALSE_WORDS = new Set(['false', 'off', 'no', '0', '']);

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

function text(value: unknown, max: number): Parsed {
  if (typeof value !== 'string') return { ok: false, message: 'must be text' };
  const trimmed = value.trim();
  if (trimmed.length > max) {
    return { ok: false, message: `must be at most ${max.toLocaleString('en')} characters` };
  }
  return { ok: true, value: trimmed };
}

/** One answer against its field's type: the stored value, or why not. */
function parseAnswer(field: FormField, value: unknown, defaultCountry: string): Parsed {
  switch (field.type) {
    case 'short_text':
      return text(value, 1_000);
    case 'long_text':
      return text(value, 10_000);
    case 'email': {
      const email = typeof value === 'string' ? normalizeEmail(value) : null;
      return email
        ? { ok: true, value: email }
        : { ok: false, message: 'must be an email address' };
    }
    case 'phone': {
      const phone = typeof value === 'string' ? normalizePhone(value, defaultCountry) : null;
      return phone
        ? { ok: true, value: phone }
        : { ok: false, message: 'must be a phone number (with the country code if abroad)' };
    }
    case 'number': {
      const number =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)
            ? Number(value)
            : Number.NaN;
      return Number.isFinite(number)
        ? { ok: true, value: number }
        : { ok: false, message: 'must be a number' };
    }
    case 'date': {
      const date = typeof value === 'string' ? value.trim() : '';
      const real = DATE.test(date) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date);
      return real
        ? { ok: true, value: date }
        : { ok: false, message: 'must be a date (YYYY-MM-DD)' };
    }
    case 'select':
      return typeof value === 'string' && field.options?.includes(value)
        ? { ok: true, value }
        : { ok: false, message: `must be one of: ${field.options?.join(', ') ?? ''}` };
    case 'multi_select': {
      const values: unknown[] = Array.isArray(value) ? value : [value];
      const ok = values.every((v) => typeof v === 'string' && field.options?.includes(v));
      return ok
        ? { ok: true, value: [...new Set(values)] }
        : { ok: false, message: `must be chosen from: ${field.options?.join(', ') ?? ''}` };
    }
    case 'checkbox': {
      if (typeof value === 'boolean') return { ok: true, value };
      const word = typeof value === 'string' ? value.trim().toLowerCase() : null;
      if (word !== null && TRUE_WORDS.has(word)) return { ok: true, value: true };
      if (word !== null && FALSE_WORDS.has(word)) return { ok: true, value: false };
      return { ok: false, message: 'must be checked or not (true or false)' };
    }
    case 'file':
      return { ok: false, message: 'must be uploaded as a file (multipart/form-data)' };
    case 'heading':
    case 'paragraph':
      return { ok: false, message: 'takes no answer' };
  }
}

/**
 * Validates every answer against its field before anything is written: types, required fields,
 * and the custom field a mapped answer fills. Errors name `answers.<fieldId>` and say the label.
 * `fileFieldIds` are the file fields that received at least one upload.
 */
export function prepareAnswers(
  fields: readonly FormField[],
  raw: Record<string, unknown>,
  options: {
    customFields: readonly CustomField[];
    defaultCountry: string;
    fileFieldIds: ReadonlySet<string>;
  },
): PreparedAnswers {
  const details: ErrorDetail[] = [];
  const byId = new Map(fields.map((field) => [field.id, field]));
  for (const key of Object.keys(raw)) {
    const field = byId.get(key);
    if (!field || !isInputField(field.type)) {
      details.push({ path: `answers.${key}`, message: 'This form has no such question' });
    }
  }
  const customByKey = new Map(options.customFields.map((field) => [field.key, field]));
  const answers: Record<string, unknown> = {};
  const contact: ContactInput = { fields: {} };
  for (const field of fields) {
    if (!isInputField(field.type)) continue;
    const path = `answers.${field.id}`;
    if (field.type === 'file') {
      if (raw[field.id] !== undefined && !isEmpty(raw[field.id])) {
        details.push({ path, message: `${field.label} must be uploaded as a file` });
      } else if (field.required && !options.fileFieldIds.has(field.id)) {
        details.push({ path, message: `${field.label} is required: attach a file` });
      }
      continue;
    }
    const value = raw[field.id];
    const unchecked = field.type === 'checkbox' && (value === false || value === 'false');
    if (isEmpty(value) || (field.required && unchecked)) {
      if (field.required) details.push({ path, message: `${field.label} is required` });
      continue;
    }
    const parsed = parseAnswer(field, value, options.defaultCountry);
    if (!parsed.ok) {
      details.push({ path, message: `${field.label} ${parsed.message}` });
      continue;
    }
    answers[field.id] = parsed.value;
    const mapTo = field.mapTo;
    if (mapTo === undefined) continue;
    if (mapTo === 'name' || mapTo === 'email' || mapTo === 'phone') {
      contact[mapTo] = String(parsed.value);
      continue;
    }
    const custom = customByKey.get(mapTo.slice('field:'.length));
    // A custom field deleted after the form was built: the answer stays on the submission.
    if (!custom) continue;
    const forField =
      custom.type === 'multi_select' && !Array.isArray(parsed.value)
        ? [parsed.value]
        : typeof parsed.value === 'number' && custom.type === 'text'
          ? String(parsed.value)
          : parsed.value;
    const checked = fieldValueSchema(custom, options.defaultCountry).safeParse(forField);
    if (checked.success) contact.fields[custom.key] = checked.data;
    else {
      const reason = checked.error.issues[0]?.message ?? 'Invalid value';
      details.push({ path, message: `${field.label}: ${reason}` });
    }
  }
  if (details.length > 0) throw validationError(details);
  return { answers, contact, hasIdentity: Boolean(contact.email ?? contact.phone) };
}

/** Lower-cased text of every answer, for the Submissions table's search. */
export function submissionSearchText(answers: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const value of Object.values(answers)) {
    const items: unknown[] = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (item && typeof item === 'object') {
        if ('fileName' in item && typeof item.fileName === 'string') parts.push(item.fileName);
      } else if (
        typeof item === 'string' ||
        typeof item === 'number' ||
        typeof item === 'boolean'
      ) {
        parts.push(String(item));
      }
    }
  }
  return parts.join(' ').toLowerCase().slice(0, 20_000);
}
