import { RESERVED_FIELD_KEYS, type FieldType } from '@agent-crm/contracts';

export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  text: 'Short text',
  long_text: 'Long text',
  number: 'Number',
  date: 'Date',
  boolean: 'Yes/No',
  select: 'Single select',
  multi_select: 'Multi select',
  email: 'Email',
  phone: 'Phone',
  url: 'URL',
};

export const FIELD_TYPE_OPTIONS = Object.entries(FIELD_TYPE_LABELS).map(([value, label]) => ({
  value,
  label,
}));

const RESERVED = new Set<string>(RESERVED_FIELD_KEYS);

/** A key the server accepts, from a label: "Company size" → "company_size". */
export function suggestKey(label: string): string {
  const slug = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 44);
  if (!slug) return '';
  const key = /^[a-z]/.test(slug) ? slug : `f_${slug}`;
  return RESERVED.has(key) ? `${key}_field` : key;
}
