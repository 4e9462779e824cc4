import type { CustomField, FieldValue } from '@agent-crm/contracts';

/** What a custom field's input holds while it is edited. */
export type FieldFormValue = string | number | boolean | string[] | null;

export function toFormValue(field: CustomField, value: FieldValue | undefined): FieldFormValue {
  switch (field.type) {
    case 'boolean':
      return value === true;
    case 'multi_select':
      return Array.isArray(value) ? value : [];
    case 'number':
      return typeof value === 'number' ? value : '';
    case 'date':
    case 'select':
      return typeof value === 'string' && value ? value : null;
    case 'text':
    case 'long_text':
    case 'email':
    case 'phone':
    case 'url':
      return typeof value === 'string' ? value : '';
  }
}

/** The value to send: empty inputs become null, numbers become numbers. */
export function toFieldValue(field: CustomField, value: FieldFormValue): FieldValue {
  switch (field.type) {
    case 'boolean':
      return value === true;
    case 'multi_select':
      return Array.isArray(value) ? value : [];
    case 'number': {
      if (value === '' || value === null || typeof value === 'boolean' || Array.isArray(value)) {
        return null;
      }
      const number = Number(value);
      return Number.isFinite(number) ? number : null;
    }
    case 'date':
    case 'select':
    case 'text':
    case 'long_text':
    case 'email':
    case 'phone':
    case 'url':
      return typeof value === 'string' && value.trim() ? value.trim() : null;
  }
}

export function isEmptyFieldValue(value: FieldValue): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

export function initialFieldValues(
  fields: CustomField[],
  values: Record<string, FieldValue> = {},
): Record<string, FieldFormValue> {
  return Object.fromEntries(
    fields.map((field) => [field.key, toFormValue(field, values[field.key])]),
  );
}

/** Required custom fields left empty, as form errors keyed `fields.<key>`. */
export function requiredFieldErrors(
  fields: CustomField[],
  values: Record<string, FieldFormValue>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of fields) {
    if (field.required && field.type !== 'boolean') {
      const value = toFieldValue(field, values[field.key] ?? null);
      if (isEmptyFieldValue(value)) errors[`fields.${field.key}`] = 'Required';
    }
  }
  return errors;
}

function sameValue(a: FieldValue | undefined, b: FieldValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => item === b[index]);
  }
  return (a ?? null) === b || (isEmptyFieldValue(a ?? null) && isEmptyFieldValue(b));
}

/** Only the custom fields whose value differs from what is stored. */
export function changedFieldValues(
  fields: CustomField[],
  stored: Record<string, FieldValue>,
  edited: Record<string, FieldFormValue>,
): Record<string, FieldValue> {
  const changed: Record<string, FieldValue> = {};
  for (const field of fields) {
    const next = toFieldValue(field, edited[field.key] ?? null);
    // An unset yes/no shows as "no": leaving it so is not a change.
    const current = field.type === 'boolean' ? stored[field.key] === true : stored[field.key];
    if (!sameValue(current, next)) changed[field.key] = next;
  }
  return changed;
}
