/**
 * Shared reading of the words around a value: whose detail it is (the visitor's, someone else's, the
 * business's own), whether it is only an example, and whether the visitor is correcting themselves.
 * Every pattern here runs on a short window of text before the value, never on the whole message.
 */

export const MAX_INPUT = 4000;

/** Straightens typographic quotes and dashes so one set of patterns reads every keyboard. */
export function normalizeInput(text: string, max = MAX_INPUT): string {
  return text
    .slice(0, max)
    .normalize('NFC')
    .replace(/[\u2018\u2019\u02BC\u00B4`]/g, "'")
    .replace(/[\u201C\u201D\u201E\u00AB\u00BB]/g, '"')
    .replace(/\u00A0/g, ' ');
}

/** The clause a value sits in: up to `size` characters before it, cut at the last sentence break. */
export function windowBefore(text: string, index: number, size = 70): string {
  const start = Math.max(0, index - size);
  const before = text.slice(start, index);
  // A full stop only ends a sentence when followed by a space (keeps "acme.com" and "e.g." whole).
  let cut = -1;
  for (let i = before.length - 1; i >= 0; i--) {
    const ch = before[i];
    if (ch === '\n' || ch === '!' || ch === '?' || ch === ';') {
      cut = i;
      break;
    }
    if (
      ch === '.' &&
      before[i + 1] === ' ' &&
      !/(?:^|[^\p{L}])(?:e\.g|i\.e|z\.b|etc|no|nr|n|tel|ph|mr|mrs|ms|dr|approx|ca)$/iu.test(
        before.slice(0, i),
      )
    ) {
      cut = i;
      break;
    }
  }
  return before.slice(cut + 1).toLowerCase();
}

const RELATIVES = [
  // English
  'wife',
  'husband',
  'partner',
  'spouse',
  'boss',
  'colleague',
  'coworker',
  'co-worker',
  'friend',
  'brother',
  'sister',
  'mother',
  'mom',
  'mum',
  'father',
  'dad',
  'son',
  'daughter',
  'manager',
  'assistant',
  'secretary',
  'girlfriend',
  'boyfriend',
  'fiance',
  'fiancee',
  'fiancée',
  'teammate',
  'neighbour',
  'neighbor',
  'client',
  'customer',
  'accountant',
  'lawyer',
  'doctor',
  'uncle',
  'aunt',
  'cousin',
  'grandma',
  'grandpa',
  'grandmother',
  'grandfather',
  'parents',
  'parent',
  'kid',
  'child',
  'employee',
  'employer',
  'director',
  'ceo',
  'cto',
  'cfo',
  'landlord',
  'tenant',
  'supervisor',
  'team lead',
  'flatmate',
  'roommate',
  'niece',
  'nephew',
  'agent',
  'contractor',
  'supplier',
  'vendor',
  // French, Spanish, German, Italian, Portuguese, Dutch
  'femme',
  'mari',
  'patron',
  'collègue',
  'ami',
  'amie',
  'frère',
  'soeur',
  'sœur',
  'mère',
  'père',
  'esposa',
  'esposo',
  'marido',
  'jefe',
  'jefa',
  'colega',
  'amigo',
  'amiga',
  'hermano',
  'hermana',
  'madre',
  'padre',
  'frau',
  'mann',
  'chef',
  'chefin',
  'kollege',
  'kollegin',
  'freund',
  'freundin',
  'bruder',
  'schwester',
  'mutter',
  'vater',
  'moglie',
  'capo',
  'collega',
  'fratello',
  'sorella',
  'chefe',
  'irmão',
  'irmã',
  'mãe',
  'pai',
  'vrouw',
  'man',
  'baas',
  'collega',
  'vriend',
  'vriendin',
  'broer',
  'zus',
  'moeder',
  'vader',
];
const RELATIVE_ALT = RELATIVES.join('|');

// Possessive + relative ("my wife's", "our accountant", "ma femme", "mi esposa", "meine Frau").
const OTHER_PERSON = new RegExp(
  `(?:^|[^\\p{L}])(?:my|our|ma|mon|mes|mi|mis|nuestra|nuestro|meine|meiner|meinem|mein|unsere|unser|mia|mio|il mio|la mia|minha|meu|nossa|nosso|mijn|onze|ons|a|the|his|her|their)\\s+(?:${RELATIVE_ALT})(?:'s|s')?(?![\\p{L}])`,
  'u',
);
// Third-person pronouns owning the detail ("his email", "her number is", "their phone").
const THIRD_PERSON =
  /(?:^|[^\p{L}])(?:his|her|their|sa|son|su|sein|seine|ihr|ihre|suo|sua|zijn|haar)\s+(?:e-?mail|mail|number|phone|mobile|cell|name|address|contact|details|numéro|nom|número|nombre|correo|nummer|handy|telefon|numero|nome|telefone|naam|telefoonnummer)/u;
// "call him on", "reach her at", "email them at", "he's on", "she is".
const THIRD_PERSON_VERB =
  /(?:^|[^\p{L}])(?:call|reach|text|email|e-mail|contact|ring|phone|message|tell)\s+(?:him|her|them)\b|(?:^|[^\p{L}])(?:he|she|they)(?:'s|\s+is|\s+are|'re)?\s+(?:on|at|reachable|available)\b|(?:^|[^\p{L}])(?:he|she)\s+(?:is|'s)\s+called\b/u;
// A name followed by a comma and then the detail: "my boss, John ..." is caught by OTHER_PERSON.
// The business's own details quoted back ("your number", "your email", "your office").
const BUSINESS_OWNED =
  /(?:^|[^\p{L}])(?:your|you'?re|votre|vos|tu|su|vuestro|ihre|ihr|euer|vostro|vostra|seu|sua|jullie|uw)\s+(?:own\s+)?(?:e-?mail|mail|number|phone|telephone|mobile|line|hotline|office|support|address|website|site|contact|sales|team|company|numéro|número|correo|nummer|numero|telefone|adres)/u;
// Examples and placeholders ("e.g.", "for example", "such as", "like", "something like").
const EXAMPLE =
  /(?:^|[^\p{L}])(?:e\.?g\.?|for example|for instance|example|such as|something like|like|format|placeholder|par exemple|por ejemplo|zum beispiel|z\.\s?b\.|ad esempio|per esempio|por exemplo|bijvoorbeeld|bijv\.)[\s:,(]*$/u;
// Not the visitor's: orders, tickets, prices, postcodes, account numbers...
const REFERENCE =
  /(?:^|[^\p{L}])(?:order|orders|ref|reference|invoice|ticket|tracking|booking|confirmation|case|po|purchase order|account|acct|customer|membership|policy|claim|serial|sku|item|product|model|part|iban|card|vat|tax|id|reg|registration|licen[cs]e|parcel|shipment|package|receipt|transaction|payment|zip|zipcode|postcode|post code|postal code|postal|plz|cep|cap|pin code|pincode|code|pin|otp|password|passcode|room|flight|seat|table|unit|apartment|apt|suite|building|ticket|commande|pedido|bestellung|bestellnummer|ordine|encomenda|bestelling|factura|facture|rechnung|fattura|fatura|factuur|kundennummer|numéro de commande|número de pedido|code postal|código postal|postleitzahl|codice postale|postcode|ordine|pedido|commande|encomenda|bestelling|numero d'ordine|cpf|cnpj|aadhaar|pan|ssn|social security|nin|national insurance|steuernummer|steuer-id|kundennr|nif|nie|dni|codice fiscale|bsn)\s*(?:number|no\.?|nr\.?|num\.?|n\.?|#|id|code|n°|nº|numero|número|nummer)?\s*(?:is|was|est|es|ist|è|é|:|=|-|of)?\s*#?\s*$/u;
// Japanese, Chinese and Korean labels for order, booking, member and postal numbers.
const REFERENCE_CJK =
  /(?:注文番号|注文|予約番号|会員番号|問い合わせ番号|問合せ番号|伝票番号|郵便番号|〒|订单号|订单|邮编|주문번호|우편번호)[はがの:：\s]*$/u;

export type Owner = 'visitor' | 'other' | 'business' | 'example' | 'reference';

const FIRST_PERSON =
  /(?:^|[^\p{L}])(?:my|mine|me|i'm|i am|im|i|mi|mon|ma|mein|meine|mio|mia|meu|minha|mijn|moi|mich|mir)(?![\p{L}])/gu;

/**
 * Whose detail is written right after `index`. The nearest marker wins, so "my wife and I are
 * coming, my number is …" belongs to the visitor while "my number, and my wife's is …" does not.
 */
export function ownerBefore(text: string, index: number): Owner {
  const before = windowBefore(text, index);
  const tail = before.slice(-24);
  if (EXAMPLE.test(tail)) return 'example';
  if (REFERENCE.test(before.slice(-40)) || REFERENCE_CJK.test(before.slice(-12)))
    return 'reference';
  const other = lastMatch(OTHER_PERSON, before) ?? -1;
  const third = Math.max(
    lastMatch(THIRD_PERSON, before) ?? -1,
    lastMatch(THIRD_PERSON_VERB, before) ?? -1,
  );
  const business = lastMatch(BUSINESS_OWNED, before) ?? -1;
  const first = lastFirstPerson(before);
  const best = Math.max(other, third, business);
  if (best < 0 || first > best) return 'visitor';
  if (business === best) return 'business';
  return 'other';
}

const globalCache = new Map<RegExp, RegExp>();

function lastMatch(pattern: RegExp, text: string): number | null {
  let global = globalCache.get(pattern);
  if (!global) {
    global = new RegExp(
      pattern.source,
      pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`,
    );
    globalCache.set(pattern, global);
  }
  let last: number | null = null;
  for (const m of text.matchAll(global)) last = m.index;
  return last;
}

const RELATIVE_AFTER = new RegExp(`^\\s+(?:${RELATIVE_ALT})(?![\\p{L}])`, 'u');

function lastFirstPerson(text: string): number {
  let last = -1;
  for (const m of text.matchAll(FIRST_PERSON)) {
    // "my wife" is a marker for someone else, not for the visitor.
    const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 20);
    if (RELATIVE_AFTER.test(rest)) continue;
    last = m.index;
  }
  return last;
}

/** "sorry", "actually", "I meant", "typo", "correction", "oops", "should be"... */
export const CORRECTION =
  /(?:^|[^\p{L}])(?:sorry|actually|i meant|meant|typo|correction|oops|whoops|my bad|my mistake|should be|should have been|not\s+\S+\s*,?\s*(?:it's|its|it is|but)|wrong|désolé|pardon|perdón|perdona|lo siento|entschuldigung|sorry|scusa|scusi|desculpa|desculpe|excuses|sorry)(?![\p{L}])/iu;

export function isCorrection(text: string): boolean {
  return CORRECTION.test(text);
}

/** "not sam@acme.com" / "instead of …" directly before a value: it is the wrong one. */
export function isNegatedBefore(text: string, index: number): boolean {
  const tail = text.slice(Math.max(0, index - 40), index).toLowerCase();
  return NEGATED.test(tail) || OUTDATED.test(tail) || DO_NOT_USE.test(tail);
}

const NEGATED =
  /(?:^|[^\p{L}])(?:not|no longer|instead of|rather than|old|previous|wrong|pas|nicht|non|niet|não)\s*[:,]?\s*$/u;
// "my old number was …", "the previous one is …", "ancien numéro : …".
const OUTDATED =
  /(?:^|[^\p{L}])(?:old|older|previous|former|outdated|wrong|ancien|ancienne|antiguo|antigua|alte|alten|alter|vecchio|vecchia|antigo|antiga|oude)\s+(?:[\p{L}-]+\s+){0,2}(?:was|is|:|-)?\s*$/u;
// "please don't call …", "never email …", "stop texting …".
const DO_NOT_USE =
  /(?:^|[^\p{L}])(?:don't|do not|dont|never|stop|no longer)\s+(?:call|calling|text|texting|email|emailing|use|using|contact|contacting|ring|message)(?:\s+(?:me|us))?(?:\s+(?:on|at))?\s*$/u;
