import type { FieldType, FieldValue } from '@agent-crm/contracts';
import { isCorrection, normalizeInput, ownerBefore } from './context';
import { correctEmail, extractEmail, findEmails } from './emails';
import { extractName } from './names';
import { extractPhone, findPhones } from './phones';
import { MAX_TEXT, parseValue } from './values';

/** One of the agent's "Allow for AI" custom fields. */
export type CaptureField = { key: string; label: string; type: FieldType; options: string[] };

export type CaptureContext = {
  /** ISO 3166 alpha-2, for national phone formats and day/month order. */
  defaultCountry: string;
  /** agent.aiCapture: which built-in fields may be captured. */
  capture: { name: boolean; email: boolean; phone: boolean };
  fields: CaptureField[];
  /** The business's own addresses (from the agent's instructions/welcome message): never captured. */
  businessEmails: string[];
  /** The business's own numbers in E.164: never captured. */
  businessPhones: string[];
  /** The key the assistant asked for in its previous message, so a bare answer can be taken. */
  askedFor?: string | null;
  /** What is already known about this visitor (for corrections like "sorry, it's .org"). */
  known?: Extracted;
};

export type Extracted = {
  name?: string;
  email?: string;
  phone?: string;
  fields: Record<string, FieldValue>;
};

/**
 * The visitor's own details in one message. Deterministic, no I/O; anything invalid or doubtful
 * (placeholders, someone else's details, the business's own, order numbers, prices) is left out.
 */
export function extractDetails(text: string, ctx: CaptureContext): Extracted {
  const input = normalizeInput(text);
  const result: Extracted = { fields: {} };
  if (input.trim() === '') return result;
  const askedFor = ctx.askedFor ?? null;
  const correcting = isCorrection(input);
  const askedCustom = ctx.fields.find((f) => f.key === askedFor);

  if (ctx.capture.email) {
    const email =
      extractEmail(input, { businessEmails: ctx.businessEmails }) ??
      (correcting && ctx.known?.email ? correctEmail(input, ctx.known.email) : null);
    if (email && !ctx.businessEmails.includes(email)) result.email = email;
  }
  if (ctx.capture.phone) {
    const phone = extractPhone(input, {
      defaultCountry: ctx.defaultCountry,
      businessPhones: ctx.businessPhones,
      // A bare number answering "how many employees?" is not a phone number.
      strict: askedCustom !== undefined,
    });
    if (phone) result.phone = phone;
  }
  if (ctx.capture.name) {
    const name = extractName(input, {
      asked: askedFor === 'name',
      correcting: correcting && ctx.known?.name !== undefined,
    });
    if (name) result.name = name;
  }

  const builtInFound =
    result.email !== undefined || result.phone !== undefined || result.name !== undefined;
  for (const field of ctx.fields) {
    const labelled = labelledValue(input, field, ctx);
    if (labelled !== null) {
      result.fields[field.key] = labelled;
      continue;
    }
    if (field.key !== askedFor) continue;
    const isFreeText = field.type === 'text' || field.type === 'long_text';
    // "my email is …" after "What's your company?" answers something else, not the company.
    if (isFreeText && builtInFound) continue;
    const value = parseValue(field.type, input, field.options, {
      defaultCountry: ctx.defaultCountry,
      businessEmails: ctx.businessEmails,
      businessPhones: ctx.businessPhones,
      asked: true,
    });
    if (value !== null) result.fields[field.key] = value;
  }
  // A number or address labelled as a custom field ("office phone: …") is not the visitor's own.
  for (const field of ctx.fields) {
    const value = result.fields[field.key];
    if (field.type === 'email' && value === result.email) delete result.email;
    if (field.type === 'phone' && value === result.phone) delete result.phone;
  }
  return result;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The words a visitor may use for a field: its label, its key, the label without "(optional)". */
function labelVariants(field: CaptureField): string[] {
  const label = field.label
    .replace(/\([^)]*\)/g, '')
    .replace(/[?:*]+$/, '')
    .trim()
    .toLowerCase();
  const variants = new Set<string>([label, field.key.replace(/_/g, ' ').toLowerCase()]);
  const shorter = label.replace(/^(?:your|company's|the)\s+/, '').replace(/\s+name$/, '');
  if (shorter.length >= 3) variants.add(shorter);
  return [...variants].filter((v) => v.length >= 2).sort((a, b) => b.length - a.length);
}

const VERBAL_SEPARATOR =
  /^\s*(?:is|are|was|will be|would be|'s|of|est|es|ist|è|é|is)\s+(?:called\s+|named\s+)?/i;
const PUNCT_SEPARATOR = /^\s*(?:[:=]|[-–—]+|is\s*:)\s*/;
const CLAUSE_END =
  /[;!?\n]|\.(?:\s|$)|,\s*(?:and\s+)?(?:my|our|i|i'm|we|we're|the|but|also|phone|email|you|please|thanks|thank)\b|\s+and\s+(?:my|our|i|we)\b|\s+but\s/i;

/** "Acme Ltd, budget: 5k" → "Acme Ltd": a comma followed by another "label: value" ends the value. */
function cutAtNextLabel(segment: string): string {
  const next = /,\s*(?:my\s+|our\s+)?[\p{L}][\p{L} ]{0,30}?(?:\s*[:=]|\s+(?:is|are)\s)/u.exec(
    segment,
  );
  return next ? segment.slice(0, next.index).trim() : segment;
}

/**
 * A value the visitor labels themselves: "my company is Acme", "budget: 5000", "company — Acme Ltd",
 * "newsletter: yes", or for options "the Pro plan".
 */
function labelledValue(text: string, field: CaptureField, ctx: CaptureContext): FieldValue | null {
  const lower = text.toLowerCase();
  for (const variant of labelVariants(field)) {
    const pattern = new RegExp(`(?<![\\p{L}\\d])${escapeRegExp(variant)}(?![\\p{L}\\d])`, 'gu');
    for (const m of lower.matchAll(pattern)) {
      const owner = ownerBefore(text, m.index);
      if (owner !== 'visitor') continue;
      // A question about the field ("what budget do you need?") gives no value.
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + MAX_TEXT + 40);
      const sep = PUNCT_SEPARATOR.exec(after) ?? VERBAL_SEPARATOR.exec(after);
      if (!sep) continue;
      const rest = after.slice(sep[0].length);
      const end = CLAUSE_END.exec(rest);
      const segment = cutAtNextLabel((end ? rest.slice(0, end.index) : rest).trim());
      if (segment === '' || segment.endsWith('?')) continue;
      const isVerbal = !PUNCT_SEPARATOR.test(after);
      if (
        isVerbal &&
        (field.type === 'text' || field.type === 'long_text') &&
        !/^[\p{Lu}\d"']/u.test(segment)
      )
        continue;
      const value = parseValue(field.type, segment, field.options, {
        defaultCountry: ctx.defaultCountry,
        businessEmails: ctx.businessEmails,
        businessPhones: ctx.businessPhones,
        asked: true,
      });
      if (value !== null) return value;
    }
  }
  if (field.type === 'select' || field.type === 'multi_select') {
    const picked = optionsChosenBeforeLabel(text, field);
    if (picked.length > 0) {
      return field.type === 'select' ? (picked.length === 1 ? (picked[0] ?? null) : null) : picked;
    }
  }
  return null;
}

// Words that make "the Pro plan" a choice rather than a remark ("the Pro plan is too expensive").
const CHOOSING =
  /(?:(?:^|[^\p{L}])(?:want|wants|wanted|would like|like to have|interested in|go with|going with|take|taking|choose|choosing|pick|picking|prefer|need|sign up for|signing up for|upgrade to|switch to|opt for|buy|get|book|order|subscribe to|start with|starting with|on)|'d like|'ll take|'ll go with)\s+(?:the\s+|a\s+|an\s+|your\s+)?$/u;

/** "I'd like the Pro plan" / "we'll go with the Enterprise tier": an option named before the label. */
function optionsChosenBeforeLabel(text: string, field: CaptureField): string[] {
  if (text.trim().endsWith('?')) return [];
  const lower = text.toLowerCase();
  const label = labelVariants(field)[0] ?? '';
  const picked: string[] = [];
  for (const option of field.options) {
    const pattern = new RegExp(
      `(?<![\\p{L}\\d])${escapeRegExp(option.toLowerCase())}\\s+${escapeRegExp(label)}(?![\\p{L}\\d])`,
      'u',
    );
    const m = pattern.exec(lower);
    if (!m) continue;
    const before = lower.slice(Math.max(0, m.index - 40), m.index);
    if (CHOOSING.test(before) && ownerBefore(text, m.index) === 'visitor') picked.push(option);
  }
  return picked;
}

/**
 * The business's own email addresses and phone numbers written in the agent's instructions and
 * welcome message, so the extractors never capture them when a visitor quotes them back.
 */
export function businessContactsFrom(
  texts: string[],
  defaultCountry: string,
): { emails: string[]; phones: string[] } {
  const emails = new Set<string>();
  const phones = new Set<string>();
  for (const raw of texts) {
    const text = normalizeInput(raw, 20_000);
    for (const hit of findEmails(text)) emails.add(hit.email);
    for (const hit of findPhones(text, defaultCountry)) phones.add(hit.phone);
  }
  return { emails: [...emails], phones: [...phones] };
}
