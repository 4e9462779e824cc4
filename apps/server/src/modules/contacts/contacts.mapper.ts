import type { Contact, CustomField, FieldValue } from '@agent-crm/contracts';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { contacts } from '../../db/schema';
import type { AgentScope } from '../../lib/tenant';
import type { AutomationMeta } from '../automations/assignment';
import type { Pipeline } from '../crm-settings/pipeline.service';

export type ContactRow = typeof contacts.$inferSelect;

/** What the write path needs to know about the agent, loaded once per request. */
export type CrmMeta = {
  scope: AgentScope;
  defaultCountry: string;
  fields: CustomField[];
  pipeline: Pipeline;
  /** The "contact created" rules; loaded on demand by the create path when absent. */
  automation?: AutomationMeta;
  /** The admin app's address, for links in assignment mails. */
  appUrl?: string | null;
};

/** The API shape: stage and status by name; values of deleted fields are not shown. */
export function toContact(row: ContactRow, pipeline: Pipeline, fields: CustomField[]): Contact {
  const visible: Record<string, FieldValue> = {};
  for (const field of fields) {
    const value = row.fields[field.key];
    if (value !== undefined) visible[field.key] = value as FieldValue;
  }
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    externalId: row.externalId,
    stage: pipeline.stages.find((s) => s.id === row.stageId)?.name ?? '',
    status: pipeline.statuses.find((s) => s.id === row.statusId)?.name ?? '',
    ownerId: row.ownerId,
    secondaryOwnerId: row.secondaryOwnerId,
    source: row.source,
    fields: visible,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    archivedAt: row.archivedAt?.toISOString() ?? null,
  };
}

const SEARCHABLE_TYPES = new Set([
  'text',
  'long_text',
  'email',
  'url',
  'phone',
  'select',
  'multi_select',
]);

/** Digits a person might type for this number: international and national forms. */
export function phoneDigits(phone: string): string {
  const parsed = parsePhoneNumberFromString(phone);
  const national = parsed ? parsed.formatNational().replace(/\D/g, '') : '';
  return [phone.replace(/\D/g, ''), national].filter(Boolean).join(' ');
}

/** The lower-cased text the search indexes: name, email, phone digits, custom text values. */
export function buildSearchText(
  values: {
    name: string | null;
    email: string | null;
    phone: string | null;
    fields: Record<string, unknown>;
  },
  definitions: CustomField[],
): string {
  const parts: string[] = [];
  if (values.name) parts.push(values.name);
  if (values.email) parts.push(values.email);
  if (values.phone) parts.push(phoneDigits(values.phone));
  for (const field of definitions) {
    if (!SEARCHABLE_TYPES.has(field.type)) continue;
    const value = values.fields[field.key];
    if (typeof value === 'string') parts.push(field.type === 'phone' ? phoneDigits(value) : value);
    else if (Array.isArray(value)) parts.push(value.filter((v) => typeof v === 'string').join(' '));
  }
  return parts.join(' ').toLowerCase().slice(0, 20_000);
}
