import type { FieldType, FieldValue } from '@agent-crm/contracts';
import { extractEmail } from './emails';
import { extractPhone } from './phones';

/** Field-typed parsing of a visitor's answer: numbers, dates, yes/no, options, links, text. */

export const MAX_TEXT = 500;

// ---------- numbers ----------

const NUMBER =
  /(?<![\p{L}\d.,])([-+]?)\s?(?:[$€£¥₹]|r\$|a\$|us\$)?\s?(\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3})+(?=,\d{1,2}(?!\d)|(?![\d.,]))|\d{1,3}(?: \d{3})+(?!\d)|\d+)((?:[.,]\d+)?)\s?(k|m|bn|thousand|million|billion|grand|mil|mio|millionen|millones|milioni|milhões|tausend)?(?![\p{L}\d])/iu;

/** The first number in the text: "5,000", "5.000,50", "5k", "€5000", "2.5 million" → a number. */
export function parseNumber(text: string): number | null {
  const m = NUMBER.exec(text);
  if (!m?.[2]) return null;
  let whole = m[2];
  let fraction = m[3] ?? '';
  if (/^\d{1,3}(?:,\d{3})+$/.test(whole)) whole = whole.replace(/,/g, '');
  else if (/^\d{1,3}(?:\.\d{3})+$/.test(whole)) whole = whole.replace(/\./g, '');
  else whole = whole.replace(/ /g, '');
  fraction = fraction.replace(',', '.');
  let value = Number(`${whole}${fraction}`);
  if (!Number.isFinite(value)) return null;
  const scale = (m[4] ?? '').toLowerCase();
  if (
    scale === 'k' ||
    scale === 'thousand' ||
    scale === 'grand' ||
    scale === 'tausend' ||
    scale === 'mil'
  )
    value *= 1_000;
  else if (scale !== '' && scale !== 'bn' && scale !== 'billion') value *= 1_000_000;
  else if (scale === 'bn' || scale === 'billion') value *= 1_000_000_000;
  if (m[1] === '-') value = -value;
  return Number.isSafeInteger(Math.round(value)) ? Math.round(value * 1e6) / 1e6 : null;
}

// ---------- dates ----------

const MONTHS: Record<string, number> = {};
const MONTH_NAMES: string[][] = [
  [
    'january',
    'jan',
    'janvier',
    'janv',
    'enero',
    'ene',
    'januar',
    'jänner',
    'gennaio',
    'gen',
    'janeiro',
    'januari',
  ],
  [
    'february',
    'feb',
    'février',
    'fevrier',
    'févr',
    'fev',
    'febrero',
    'februar',
    'febbraio',
    'fevereiro',
    'februari',
  ],
  ['march', 'mar', 'mars', 'marzo', 'märz', 'maerz', 'mär', 'março', 'marco', 'maart', 'mrt'],
  ['april', 'apr', 'avril', 'avr', 'abril', 'abr', 'aprile'],
  ['may', 'mai', 'mayo', 'maggio', 'mag', 'maio', 'mei'],
  ['june', 'jun', 'juin', 'junio', 'juni', 'giugno', 'giu', 'junho'],
  ['july', 'jul', 'juillet', 'juil', 'julio', 'juli', 'luglio', 'lug', 'julho'],
  ['august', 'aug', 'août', 'aout', 'agosto', 'ago', 'augustus'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'settembre', 'set', 'setembro'],
  ['october', 'oct', 'octobre', 'octubre', 'oktober', 'okt', 'ottobre', 'ott', 'outubro', 'out'],
  ['november', 'nov', 'novembre', 'noviembre', 'novembro'],
  [
    'december',
    'dec',
    'décembre',
    'decembre',
    'déc',
    'diciembre',
    'dic',
    'dezember',
    'dez',
    'dicembre',
    'dezembro',
    'december',
  ],
];
MONTH_NAMES.forEach((names, i) => {
  for (const n of names) MONTHS[n] = i + 1;
});
const MONTH_ALT = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

// Countries that write the month first in numeric dates.
const MONTH_FIRST = new Set(['US', 'PH', 'FM', 'MH', 'PW', 'AS', 'GU', 'MP', 'PR', 'VI', 'UM']);

function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function fullYear(y: string): number {
  const n = Number(y);
  return y.length === 2 ? 2000 + n : n;
}

const ISO = /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/;
const NUMERIC = /(?<![\d.])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d])/;
const DAY_MONTH = new RegExp(
  `(?<![\\p{L}\\d])(\\d{1,2})(?:st|nd|rd|th|er|º|°|\\.)?\\s*(?:of\\s+|de\\s+)?(${MONTH_ALT})\\.?,?\\s*(?:de\\s+)?(\\d{4})(?!\\d)`,
  'iu',
);
const MONTH_DAY = new RegExp(
  `(?<![\\p{L}])(${MONTH_ALT})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`,
  'iu',
);

/** A calendar date as YYYY-MM-DD. Numeric day/month order follows the default country. */
export function parseDate(text: string, defaultCountry: string): string | null {
  const iso = ISO.exec(text);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dm = DAY_MONTH.exec(text);
  if (dm?.[2])
    return isoDate(fullYear(dm[3] ?? ''), MONTHS[dm[2].toLowerCase()] ?? 0, Number(dm[1]));
  const md = MONTH_DAY.exec(text);
  if (md?.[1])
    return isoDate(fullYear(md[3] ?? ''), MONTHS[md[1].toLowerCase()] ?? 0, Number(md[2]));
  const num = NUMERIC.exec(text);
  if (num) {
    const a = Number(num[1]);
    const b = Number(num[3]);
    const year = fullYear(num[4] ?? '');
    // A dotted date is day-first everywhere it is used; otherwise follow the country.
    const monthFirst = num[2] !== '.' && MONTH_FIRST.has(defaultCountry.toUpperCase());
    return monthFirst ? isoDate(year, a, b) : isoDate(year, b, a);
  }
  return null;
}

// ---------- yes / no ----------

const YES =
  /^(?:yes|yeah|yea|yep|yup|ya|y|sure|of course|definitely|absolutely|certainly|correct|right|true|indeed|ok|okay|please|yes please|i do|we do|i have|we have|i am|we are|si|sí|oui|ouais|ja|jawohl|genau|sim|claro|certo|certamente|esatto|klopt|zeker|uh huh|affirmative|👍)(?![\p{L}])/iu;
const NO =
  /^(?:no|nope|nah|n|not really|not yet|never|false|negative|no thanks|no thank you|i don't|i do not|we don't|we do not|i haven't|we haven't|none|non|nein|nee|não|nao|niet|jamais|nunca|mai|👎)(?![\p{L}])/iu;

export function parseBoolean(text: string): boolean | null {
  const t = text.trim().replace(/^(?:um+|uh+|well|hmm+|oh)[\s,]+/i, '');
  if (NO.test(t)) return false;
  if (YES.test(t)) return true;
  return null;
}

// ---------- options ----------

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function mentions(text: string, phrase: string): boolean {
  if (phrase.trim() === '') return false;
  return new RegExp(
    `(?<![\\p{L}\\d])${escapeRegExp(phrase.toLowerCase())}(?![\\p{L}\\d])`,
    'u',
  ).test(text.toLowerCase());
}

/** Options named in the text (whole words, case-insensitive), in the field's order. */
export function mentionedOptions(text: string, options: string[]): string[] {
  const hits = options.filter((o) => mentions(text, o));
  // "Pro" inside "Pro Plus": keep only the longest of overlapping names.
  return hits.filter(
    (o) => !hits.some((other) => other !== o && other.length > o.length && mentions(other, o)),
  );
}

/** A bare answer to "which option?": a unique option, or a unique prefix ("ent" → "Enterprise"). */
export function matchOption(answer: string, options: string[]): string | null {
  const named = mentionedOptions(answer, options);
  if (named.length === 1) return named[0] ?? null;
  if (named.length > 1) return null;
  const a = answer
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, '');
  if (a.length < 2) return null;
  const byPrefix = options.filter((o) => o.toLowerCase().startsWith(a));
  if (byPrefix.length === 1) return byPrefix[0] ?? null;
  const byWord = options.filter((o) =>
    o
      .toLowerCase()
      .split(/[\s/-]+/)
      .some((w) => w === a),
  );
  return byWord.length === 1 ? (byWord[0] ?? null) : null;
}

function matchOptions(answer: string, options: string[]): string[] {
  const named = new Set(mentionedOptions(answer, options));
  for (const part of answer.split(/,|\/|;|&|\+|\band\b|\bet\b|\by\b|\bund\b|\be\b|\ben\b/i)) {
    const one = matchOption(part, options);
    if (one) named.add(one);
  }
  return options.filter((o) => named.has(o));
}

// ---------- urls ----------

const URL_LIKE =
  /(?:https?:\/\/)?(?:www\.)?[a-z0-9](?:[a-z0-9-]{0,62})(?:\.[a-z0-9-]{1,63}){1,5}(?::\d{2,5})?(?:\/[^\s<>"']*)?/i;

export function parseUrl(text: string): string | null {
  const m = URL_LIKE.exec(text.replace(/\S+@\S+/g, ' '));
  if (!m) return null;
  const raw = m[0].replace(/[.,;:!?)]+$/, '');
  try {
    const url = new URL(/^https?:\/\//i.test(raw) ? raw : `https://${raw}`);
    const tld = url.hostname.slice(url.hostname.lastIndexOf('.') + 1);
    if (!/^[a-z]{2,24}$/.test(tld)) return null;
    return url.href.length <= MAX_TEXT ? url.href : null;
  } catch {
    return null;
  }
}

// ---------- per field type ----------

export type ValueOptions = {
  defaultCountry: string;
  businessEmails: string[];
  businessPhones: string[];
  /** A bare answer to a direct question (looser: "yes", "5k", an option's prefix). */
  asked: boolean;
};

const REFUSAL =
  /^(?:(?:no thanks|no thank you|skip|pass|n\/a|na|none|nothing|not sure|no idea|idk|why\??|maybe|later|not now)[\s.!]*$|(?:i'd |i would |i )?(?:rather not|prefer not|don't want to|do not want to|won't say|will not say|can't say|cannot say|don't know|dont know|do not know|not telling|none of your business))/i;

const FILLER =
  /^(?:(?:sure|yes|yeah|ok|okay|well|so|um+|uh+|hmm+|it's|its|it is|that's|that is|that would be|that'd be|we're|we are|i'm|i am|about|around|roughly|approximately|approx\.?|maybe|probably|circa|ca\.?)[\s,:!.-]+)+/i;

// "I work for Acme Corp" answers "Company?" with "Acme Corp".
const TEXT_LEAD =
  /^(?:i work (?:for|at|in)|i'm with|i am with|we're called|we are called|it's called|it is called|(?:my|our|the) (?:company|business|firm|employer|organi[sz]ation|team) is(?: called)?|called|i'm from|i am from|from)\s+/i;

/** One value of the given type from the text, or null when there is none that is valid. */
export function parseValue(
  type: FieldType,
  text: string,
  options: string[],
  opts: ValueOptions,
): FieldValue | null {
  const raw = text.trim();
  if (raw === '' || REFUSAL.test(raw)) return null;
  switch (type) {
    case 'text':
    case 'long_text': {
      const value = raw
        .replace(FILLER, '')
        .replace(TEXT_LEAD, '')
        .replace(/[\s.!]+$/, '')
        .trim();
      if (value === '' || value.endsWith('?')) return null;
      return value.slice(0, MAX_TEXT);
    }
    case 'number': {
      // "between 5 and 10k" or "5-10 people" is a range, not one number.
      const numbers = raw.match(/\d+(?:[.,\s]\d{3})*(?:[.,]\d+)?/g) ?? [];
      return numbers.length === 1 ? parseNumber(raw) : null;
    }
    case 'date':
      return parseDate(raw, opts.defaultCountry);
    case 'boolean':
      return parseBoolean(raw);
    case 'select':
      return opts.asked
        ? matchOption(raw.replace(FILLER, ''), options)
        : (mentionedOptions(raw, options)[0] ?? null);
    case 'multi_select': {
      const picked = opts.asked
        ? matchOptions(raw.replace(FILLER, ''), options)
        : mentionedOptions(raw, options);
      return picked.length > 0 ? picked : null;
    }
    case 'email':
      return extractEmail(raw, { businessEmails: opts.businessEmails });
    case 'phone':
      return extractPhone(raw, {
        defaultCountry: opts.defaultCountry,
        businessPhones: opts.businessPhones,
      });
    case 'url':
      return parseUrl(raw);
  }
}
