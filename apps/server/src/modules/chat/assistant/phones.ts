import {
  findPhoneNumbersInText,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/max';
import { isNegatedBefore, ownerBefore } from './context';

// The full metadata knows which number ranges are really allocated, so "12.03.2027" or an order
// number that merely has the right length is not mistaken for a phone number.

function country(code: string): CountryCode | undefined {
  const upper = code.toUpperCase();
  return /^[A-Z]{2}$/.test(upper) ? (upper as CountryCode) : undefined;
}

/** E.164 for a single written number ("+44 7911 123456", "0044 …", "07911 123456"), or null. */
export function normalizePhone(raw: string, defaultCountry: string): string | null {
  const cleaned = raw.trim().replace(/^00(?=[1-9])/, '+');
  if (cleaned.length > 40 || (cleaned.match(/\d/g)?.length ?? 0) < 6) return null;
  const phone = parsePhoneNumberFromString(cleaned, country(defaultCountry));
  return phone?.isValid() ? phone.number : null;
}

export type PhoneHit = { phone: string; index: number; end: number; raw: string };

/** Every valid phone number in the text, read with the default country for national formats. */
export function findPhones(text: string, defaultCountry: string): PhoneHit[] {
  const hits: PhoneHit[] = [];
  // Most chat messages hold no number at all: skip the (comparatively slow) finder for them.
  if ((text.match(/\d/g)?.length ?? 0) < 6) return hits;
  // Same-length rewrites keep the indices: hide addresses and links, read "0044 …" as "+44 …".
  const prepared = text
    .replace(/\S+@\S+|(?:https?:\/\/|www\.)\S+/gi, (m) => ' '.repeat(m.length))
    .replace(/(?<![\d+][\s().-]?)00(?=[1-9])/g, ' +');
  const found = findPhoneNumbersInText(prepared, {
    defaultCountry: country(defaultCountry),
    extended: false,
  });
  for (const f of found) {
    if (!f.number.isValid()) continue;
    hits.push({
      phone: f.number.number,
      index: f.startsAt,
      end: f.endsAt,
      raw: prepared.slice(f.startsAt, f.endsAt),
    });
  }
  return hits;
}

// Shapes that are never a phone: dates, times, prices, version numbers, ranges of years.
const DATE_SHAPE = /^\d{1,4}[./-]\d{1,2}[./-]\d{2,4}$/;
const CURRENCY_BEFORE =
  /(?:[$€£¥₹₩₽]|r\$|a\$|us\$|usd|eur|gbp|chf|inr|aud|cad|jpy|brl|zar|rs\.?|price|cost|costs|costing|total|pay|paid|budget|salary|amount|sum|fee|fees|charge|charged|refund|worth|spent|spend|save|prix|precio|preis|prezzo|preço|prijs)\s*:?\s*$/i;
const UNIT_AFTER =
  /^\s*(?:[$€£¥₹]|usd|eur|gbp|euros?|dollars?|pounds?|rupees?|reais|rand|yen|units?|pcs|pieces|items|people|users|seats|licen[cs]es|employees|staff|visitors|customers|kg|g|lbs?|km|miles?|m2|sqm|sq|ft|m|cm|mm|%|percent|times|x\b|copies|boxes|orders|sales|views|followers|subscribers|downloads|words|pages|rows|records|contacts|leads|emails|messages|calls|hours|hrs|minutes|mins|days|weeks|months|years)/i;
const QUANTITY_BEFORE =
  /(?:need|needs|want|order|buy|about|around|approx\.?|approximately|roughly|over|under|up to|at least|more than|less than|than|qty|quantity|x)\s*$/i;

export type PhoneOptions = {
  defaultCountry: string;
  businessPhones: string[];
  /** Require a phone word or a leading + (used when the visitor was asked for something else). */
  strict?: boolean;
};

const PHONE_CUE =
  /(?:phone|number|mobile|cell|tel|telephone|whatsapp|call|ring|text|reach|contact|sms|handy|telefon|téléphone|portable|numéro|teléfono|móvil|movil|celular|número|cellulare|numero|telefono|telefone|telemóvel|nummer|mobiel|me\s*:|me on|me at|on)\b/i;

/**
 * The visitor's own phone number in E.164, or null. Refuses order and reference numbers, prices,
 * quantities, postcodes, dates, the business's own numbers and numbers given for someone else.
 * When several remain, the last one wins (corrections come after the mistake).
 */
export function extractPhone(text: string, options: PhoneOptions): string | null {
  const business = new Set(options.businessPhones);
  let found: string | null = null;
  for (const hit of findPhones(text, options.defaultCountry)) {
    if (business.has(hit.phone)) continue;
    const raw = hit.raw.trim();
    if (DATE_SHAPE.test(raw)) continue;
    const before = text.slice(Math.max(0, hit.index - 30), hit.index);
    const after = text.slice(hit.end, hit.end + 20);
    if (CURRENCY_BEFORE.test(before) || UNIT_AFTER.test(after)) continue;
    if (/[#№]\s*$/.test(before) || /\d[.,]\s*$/.test(before) || /^[.,]\d/.test(after)) continue;
    if (QUANTITY_BEFORE.test(before) && !raw.startsWith('+') && !/\d[\s-]\d/.test(raw)) continue;
    if (isNegatedBefore(text, hit.index)) continue;
    if (ownerBefore(text, hit.index) !== 'visitor') continue;
    if (
      options.strict &&
      !raw.startsWith('+') &&
      !PHONE_CUE.test(text.slice(Math.max(0, hit.index - 40), hit.index))
    )
      continue;
    found = hit.phone;
  }
  return found;
}
