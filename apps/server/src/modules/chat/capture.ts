import type { ContactWrite, FieldValue } from '@agent-crm/contracts';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import { AppError } from '../../lib/errors';
import type { AgentScope } from '../../lib/tenant';
import type { CrmMeta } from '../contacts/contacts.mapper';
import {
  createContactInAgent,
  loadCrmMeta,
  updateContactInAgent,
  type WriteActor,
} from '../contacts/contacts.service';
import { normalizeEmail, normalizePhone } from '../contacts/normalize';
import { parseFieldValues } from '../custom-fields/field-values';
import {
  businessContactsFrom,
  type CaptureContext,
  type CaptureField,
  type Extracted,
} from './assistant/extract';
import type { AgentRow } from './chat.repo';
import { linkVisitorToContact } from './chat.repo';

const MAX_NAME_LENGTH = 200;
const MAX_TEXT_LENGTH = 500;

/** What the agent may capture: its AI-allowed built-ins and custom fields, and its own details. */
export function captureContextFor(agent: AgentRow, aiFields: CaptureField[]): CaptureContext {
  const business = businessContactsFrom(
    [agent.instructions, agent.welcomeMessage],
    agent.defaultCountry,
  );
  return {
    defaultCountry: agent.defaultCountry,
    capture: agent.aiCapture,
    fields: aiFields,
    businessEmails: business.emails,
    businessPhones: business.phones,
  };
}

export function emptyExtracted(): Extracted {
  return { fields: {} };
}

export function isEmpty(values: Extracted): boolean {
  return (
    values.name === undefined &&
    values.email === undefined &&
    values.phone === undefined &&
    Object.keys(values.fields).length === 0
  );
}

const LooseCapture = z.object({
  name: z.unknown().optional(),
  email: z.unknown().optional(),
  phone: z.unknown().optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
});

function fieldValue(field: CaptureField, raw: unknown, defaultCountry: string): FieldValue {
  if (raw === null || raw === undefined) return null;
  const value =
    (field.type === 'text' || field.type === 'long_text') && typeof raw === 'string'
      ? raw.trim().slice(0, MAX_TEXT_LENGTH)
      : raw;
  const parsed = parseFieldValues(
    [
      {
        key: field.key,
        label: field.label,
        type: field.type,
        options: field.options,
        required: false,
      },
    ],
    { [field.key]: value },
    { defaultCountry },
  );
  return parsed.ok ? (parsed.values[field.key] ?? null) : null;
}

/**
 * Keeps only what this agent may capture, each value validated on its own against its type:
 * an invalid value is dropped (never stored, never sent to the write path), the rest is kept.
 * The business's own email addresses and phone numbers are never taken for the visitor's.
 * Used on both the model's tool arguments and the extractors' results.
 */
export function sanitizeCaptured(raw: unknown, ctx: CaptureContext): Extracted {
  const parsed = LooseCapture.safeParse(raw);
  const result = emptyExtracted();
  if (!parsed.success) return result;
  const input = parsed.data;
  if (ctx.capture.name && typeof input.name === 'string') {
    const name = input.name.replace(/\s+/g, ' ').trim();
    if (name !== '' && name.length <= MAX_NAME_LENGTH && !/[<>@]|https?:/i.test(name)) {
      result.name = name;
    }
  }
  if (ctx.capture.email && typeof input.email === 'string') {
    const email = normalizeEmail(input.email);
    if (email !== null && !ctx.businessEmails.includes(email)) result.email = email;
  }
  if (ctx.capture.phone && typeof input.phone === 'string') {
    const phone = normalizePhone(input.phone, ctx.defaultCountry);
    if (phone !== null && !ctx.businessPhones.includes(phone)) result.phone = phone;
  }
  for (const [key, value] of Object.entries(input.fields ?? {})) {
    const field = ctx.fields.find((candidate) => candidate.key === key);
    if (!field) continue;
    const typed = fieldValue(field, value, ctx.defaultCountry);
    if (typed !== null) result.fields[key] = typed;
  }
  return result;
}

/** Later values win: a visitor who corrects their email is taken at their latest word. */
export function mergeExtracted(list: Extracted[]): Extracted {
  const merged = emptyExtracted();
  for (const item of list) {
    if (item.name !== undefined) merged.name = item.name;
    if (item.email !== undefined) merged.email = item.email;
    if (item.phone !== undefined) merged.phone = item.phone;
    Object.assign(merged.fields, item.fields);
  }
  return merged;
}

/** What `next` says that `known` did not already. */
export function newlyCaptured(known: Extracted, next: Extracted): Extracted {
  const added = emptyExtracted();
  if (next.name !== undefined && next.name !== known.name) added.name = next.name;
  if (next.email !== undefined && next.email !== known.email) added.email = next.email;
  if (next.phone !== undefined && next.phone !== known.phone) added.phone = next.phone;
  for (const [key, value] of Object.entries(next.fields)) {
    if (JSON.stringify(known.fields[key]) !== JSON.stringify(value)) added.fields[key] = value;
  }
  return added;
}

function toWrite(values: Extracted): ContactWrite {
  return {
    ...(values.name !== undefined ? { name: values.name } : {}),
    ...(values.email !== undefined ? { email: values.email } : {}),
    ...(values.phone !== undefined ? { phone: values.phone } : {}),
    ...(Object.keys(values.fields).length > 0 ? { fields: values.fields } : {}),
  };
}

function without(write: ContactWrite, paths: string[]): ContactWrite {
  const drop = new Set(paths);
  const next: ContactWrite = {};
  if (write.name !== undefined && !drop.has('name')) next.name = write.name;
  if (write.email !== undefined && !drop.has('email')) next.email = write.email;
  if (write.phone !== undefined && !drop.has('phone')) next.phone = write.phone;
  if (write.fields !== undefined) {
    next.fields = Object.fromEntries(
      Object.entries(write.fields).filter(([key]) => !drop.has(`fields.${key}`)),
    );
  }
  return next;
}

/**
 * Runs a write, and if one captured value clashes with another contact (a phone that belongs to
 * someone else, say) or is refused, writes the rest without it. Capture never fails a chat.
 */
async function writeTolerantly<T>(
  write: ContactWrite,
  run: (input: ContactWrite) => Promise<T>,
): Promise<T | null> {
  let input = write;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      return await run(input);
    } catch (error) {
      if (
        !(error instanceof AppError) ||
        (error.code !== 'duplicate_contact' && error.code !== 'validation_failed')
      ) {
        throw error;
      }
      const paths = (error.details ?? []).map((detail) => detail.path);
      const next = without(input, paths);
      if (paths.length === 0 || JSON.stringify(next) === JSON.stringify(input)) return null;
      input = next;
    }
  }
  return null;
}

export type CaptureOutcome = { contactId: string | null; created: boolean };

/**
 * Saves what the visitor has told us through the contacts write path ("via Chat", by the agent).
 * Not yet linked: once an email or phone is known, find-or-create the contact (race-safe through
 * the identity indexes) with everything known, and link the visitor and all their conversations.
 * Already linked: add what the newest message captured. Values a person set are never overwritten.
 */
export async function saveCapture(
  db: DbOrTx,
  input: {
    scope: AgentScope;
    appUrl: string;
    visitor: { id: string; contactId: string | null };
    known: Extracted;
    justCaptured: Extracted;
  },
): Promise<CaptureOutcome> {
  const { scope, visitor } = input;
  const actor: WriteActor = { kind: 'agent', id: scope.agentId };
  if (visitor.contactId !== null) {
    if (isEmpty(input.justCaptured)) return { contactId: visitor.contactId, created: false };
    const contactId = visitor.contactId;
    const meta = await loadCrmMeta(db, scope, { appUrl: input.appUrl });
    try {
      await writeTolerantly(toWrite(input.justCaptured), (write) =>
        updateContactInAgent(db, meta, contactId, write, actor),
      );
      return { contactId, created: false };
    } catch (error) {
      // The contact was erased meanwhile: start over as an unlinked visitor.
      if (!(error instanceof AppError) || error.code !== 'not_found') throw error;
    }
  }
  if (input.known.email === undefined && input.known.phone === undefined) {
    return { contactId: null, created: false };
  }
  const meta: CrmMeta = await loadCrmMeta(db, scope, { appUrl: input.appUrl });
  const result = await writeTolerantly(toWrite(input.known), (write) =>
    createContactInAgent(db, meta, write, { source: 'chat', actor, onDuplicate: 'update' }),
  );
  if (!result) return { contactId: null, created: false };
  await linkVisitorToContact(db, scope, visitor.id, result.contact.id);
  return { contactId: result.contact.id, created: result.created };
}
