import type { ContactSource, CustomField, FieldValue, Member } from '@agent-crm/contracts';
import dayjs from 'dayjs';

/**
 * What the contacts screens need from the rest of the CRM to show and edit a contact: the agent's
 * stages and statuses in order, its custom fields, and the organization's members. The routes
 * gather it from the other features and pass it down.
 */
export interface CrmVocabulary {
  stages: string[];
  statuses: string[];
  fields: CustomField[];
  members: Member[];
}

const SOURCE_LABELS: Record<ContactSource, string> = {
  chat: 'Chat',
  form: 'Form',
  manual: 'Manual',
  import: 'Import',
  api: 'API',
  payment: 'Payment',
};

export function sourceLabel(source: ContactSource): string {
  return SOURCE_LABELS[source];
}

export const SOURCE_OPTIONS = Object.entries(SOURCE_LABELS).map(([value, label]) => ({
  value,
  label,
}));

export function memberName(members: Member[], memberId: string | null | undefined): string | null {
  if (!memberId) return null;
  const member = members.find((item) => item.id === memberId);
  return member ? member.name || member.email : 'Former member';
}

export function memberOptions(members: Member[]) {
  return members.map((member) => ({ value: member.id, label: member.name || member.email }));
}

export function formatDate(value: string): string {
  return dayjs(value).format('D MMM YYYY');
}

export function formatDateTime(value: string): string {
  return dayjs(value).format('D MMM YYYY, HH:mm');
}

/** A custom field's stored value as text for tables and the activity timeline. */
export function formatFieldValue(value: FieldValue | undefined, field?: CustomField): string {
  if (value === null || value === undefined || value === '') return '';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (field?.type === 'date' && typeof value === 'string') return dayjs(value).format('D MMM YYYY');
  return String(value);
}

/** "Jane Doe", or the email or phone when there is no name. */
export function contactTitle(contact: {
  name: string | null;
  email: string | null;
  phone: string | null;
}): string {
  return contact.name || contact.email || contact.phone || 'Unnamed contact';
}
