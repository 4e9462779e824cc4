import { FormFileAnswerSchema } from '@agent-crm/contracts';

/** An answer as text: lists joined, files by name, yes/no for checkboxes, a dash for none. */
export function formatAnswer(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    return value
      .map((item) => {
        const file = FormFileAnswerSchema.safeParse(item);
        if (file.success) return file.data.fileName;
        return typeof item === 'string' || typeof item === 'number' ? String(item) : '';
      })
      .filter(Boolean)
      .join(', ');
  }
  return JSON.stringify(value);
}
