import { EmailSchema } from '@agent-crm/contracts';
import { isNegatedBefore, ownerBefore } from './context';

/** Lower-cased, structurally valid email address, or null. */
export function normalizeEmail(raw: string): string | null {
  const cleaned = raw
    .trim()
    .replace(/^mailto:/i, '')
    .replace(/[.\-_]+$/, '');
  const parsed = EmailSchema.safeParse(cleaned);
  if (!parsed.success) return null;
  const email = parsed.data;
  const domain = email.slice(email.indexOf('@') + 1);
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  if (!/^[a-z]{2,24}$/.test(tld) || domain.includes('..') || email.includes('..')) return null;
  return email;
}

const PLACEHOLDER_DOMAINS = new Set([
  'example.com',
  'example.org',
  'example.net',
  'example.edu',
  'example.co.uk',
  'example.de',
  'example.fr',
  'example.es',
  'example.it',
  'example.nl',
  'example.com.au',
  'example.io',
  'test.com',
  'test.org',
  'testing.com',
  'domain.com',
  'domain.org',
  'yourdomain.com',
  'yourcompany.com',
  'company.com',
  'mycompany.com',
  'yourbusiness.com',
  'yoursite.com',
  'website.com',
  'mail.example',
  'email.example',
  'acme.example',
  'sample.com',
  'foo.com',
  'bar.com',
  'foobar.com',
  'xyz.com',
  'abc.com',
  'localhost',
  'invalid',
  'local',
]);
// "mail.example.io", "exemple.fr", "beispiel.de": documentation names in any language.
const PLACEHOLDER_LABELS = new Set([
  'example',
  'examples',
  'exemple',
  'beispiel',
  'ejemplo',
  'esempio',
  'exemplo',
  'voorbeeld',
  'yourdomain',
  'yourcompany',
]);
const PLACEHOLDER_TLDS = new Set(['example', 'test', 'invalid', 'localhost', 'local']);
const PLACEHOLDER_LOCALS = new Set([
  'name',
  'yourname',
  'your.name',
  'your_name',
  'you',
  'your',
  'me',
  'user',
  'username',
  'someone',
  'somebody',
  'email',
  'youremail',
  'your.email',
  'test',
  'testing',
  'foo',
  'bar',
  'foobar',
  'example',
  'sample',
  'firstname',
  'first.last',
  'firstname.lastname',
  'first.lastname',
  'name.surname',
  'john.doe',
  'jane.doe',
  'johndoe',
  'janedoe',
  'john.smith',
  'xxx',
  'xxxx',
  'abc',
  'xyz',
  'address',
  'nom',
  'prenom.nom',
  'vorname.nachname',
  'nome',
  'nome.cognome',
  'nombre',
  'naam',
  'noreply',
  'no-reply',
  'donotreply',
  'do-not-reply',
  'mailer-daemon',
  'postmaster',
]);
// Real providers that people also use as placeholders ("name@email.com", "you@gmail.com").
const GENERIC_DOMAINS = new Set([
  'email.com',
  'mail.com',
  'gmail.com',
  'hotmail.com',
  'yahoo.com',
  'outlook.com',
]);

/** An address nobody really owns: documentation domains, "you@yourcompany.com", "name@email.com". */
export function isPlaceholderEmail(email: string): boolean {
  const at = email.indexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  if (PLACEHOLDER_DOMAINS.has(domain) || PLACEHOLDER_TLDS.has(tld)) return true;
  if (domain.split('.').some((label) => PLACEHOLDER_LABELS.has(label))) return true;
  if (/^(?:your|my)(?:company|domain|business|site|website|email|name)\./.test(domain)) return true;
  if (/^(?:no-?reply|do-?not-?reply|mailer-daemon|postmaster)$/.test(local)) return true;
  if (
    PLACEHOLDER_LOCALS.has(local) &&
    (GENERIC_DOMAINS.has(domain) || local.includes('name') || local === 'you' || local === 'your')
  )
    return true;
  return /^x+$/.test(local);
}

const OBFUSCATED_AT = /\s*[[({<]\s*(?:at|@)\s*[\])}>]\s*/gi;
const OBFUSCATED_DOT = /\s*[[({<]\s*(?:dot|punto|punkt|point|ponto|punt)\s*[\])}>]\s*/gi;
const SPACED_DOT = /(?<=[a-z0-9]) (?:dot|punto|punkt|point|ponto|punt) (?=[a-z0-9])/gi;
const SPACED_AT_SIGN = /(?<=[a-z0-9._-]) ?@ ?(?=[a-z0-9])/gi;
const SPACED_AT =
  /(?<=(?:^|[\s:,(])([a-z0-9][a-z0-9._%+-]{0,63})) (?:at|arroba|chez|bei|chiocciola|arobase) (?=[a-z0-9-]{1,63}\.[a-z])/gi;
// Words that come before "at" in ordinary sentences ("I work at acme.com", "look at acme.com").
const NOT_LOCAL_PARTS = new Set([
  'work',
  'works',
  'worked',
  'working',
  'am',
  'im',
  "i'm",
  'me',
  'us',
  'be',
  'is',
  'are',
  'was',
  'were',
  'look',
  'looking',
  'looked',
  'here',
  'there',
  'live',
  'lives',
  'based',
  'available',
  'stay',
  'staying',
  'site',
  'website',
  'online',
  'shop',
  'shopping',
  'bought',
  'buy',
  'ordered',
  'order',
  'found',
  'read',
  'saw',
  'seen',
  'it',
  'them',
  'him',
  'her',
  'reach',
  'contact',
  'email',
  'mail',
  'write',
  'message',
  'job',
  'employed',
  'engineer',
  'developer',
  'manager',
  'director',
  'student',
  'studying',
  'study',
  'sign',
  'signed',
  'registered',
  'account',
  'profile',
  'page',
  'listed',
  'arrive',
  'arriving',
  'meet',
  'meeting',
  'you',
  'we',
  'they',
  'he',
  'she',
  'one',
  'all',
  'and',
  'or',
  'start',
  'starts',
  'open',
  'opens',
  'close',
  'closes',
  'visit',
  'visiting',
  'check',
  'go',
  'went',
]);

/** Rewrites "sam at acme dot com", "sam [at] acme [dot] co [dot] uk" and "sam @ acme.com" as addresses. */
export function deobfuscate(text: string): string {
  const collapsed = text.replace(/[ \t]+/g, ' ');
  return collapsed
    .replace(OBFUSCATED_AT, '@')
    .replace(OBFUSCATED_DOT, '.')
    .replace(SPACED_DOT, '.')
    .replace(SPACED_AT_SIGN, '@')
    .replace(SPACED_AT, (match: string, local: string) =>
      NOT_LOCAL_PARTS.has(local.toLowerCase()) ? match : '@',
    );
}

// Each repetition starts with a literal dot, so the pattern cannot backtrack badly.
const EMAIL =
  /[a-z0-9](?:[a-z0-9._%+'-]{0,63})@[a-z0-9](?:[a-z0-9-]{0,62})(?:\.[a-z0-9-]{1,63}){1,6}/gi;

export type EmailHit = { email: string; index: number; end: number };

/** Every structurally valid address in the text, in order (obfuscated forms included). */
export function findEmails(text: string): EmailHit[] {
  const clean = deobfuscate(text);
  const hits: EmailHit[] = [];
  for (const m of clean.matchAll(EMAIL)) {
    const email = normalizeEmail(m[0]);
    if (email) hits.push({ email, index: m.index, end: m.index + m[0].length });
  }
  return hits;
}

// An address the visitor wrote to or heard from is somebody else's ("I emailed info@…").
const RECIPIENT =
  /(?:^|[^\p{L}])(?:wrote to|written to|writing to|emailed|e-mailed|mailed|messaged|contacted|cc|cc'd|bcc|forwarded(?: it| this)? to|replied to|heard from|(?:an? |the )?(?:e-?mail|mail|message|newsletter|reply|invoice) from|received (?:\p{L}+ ){0,3}from|got (?:\p{L}+ ){0,3}from|from)\s*:?\s*$/iu;

export type EmailOptions = { businessEmails: string[]; known?: string | undefined };

/**
 * The visitor's own email address in the message, or null. Refuses placeholders, the business's
 * addresses, someone else's ("my colleague's email is …"), examples and negated ones ("not …").
 * When several remain, the last one wins: people correct themselves forwards.
 */
export function extractEmail(text: string, options: EmailOptions): string | null {
  const clean = deobfuscate(text);
  const business = new Set(options.businessEmails.map((e) => e.toLowerCase()));
  // Any address at the business's own domain is the business's (info@, sales@, a staff member).
  const businessDomains = new Set(
    options.businessEmails.map((e) => e.slice(e.indexOf('@') + 1).toLowerCase()),
  );
  let found: string | null = null;
  for (const m of clean.matchAll(EMAIL)) {
    const email = normalizeEmail(m[0]);
    if (!email) continue;
    if (business.has(email) || isPlaceholderEmail(email)) continue;
    if (businessDomains.has(email.slice(email.indexOf('@') + 1))) continue;
    if (
      isNegatedBefore(clean, m.index) ||
      RECIPIENT.test(clean.slice(Math.max(0, m.index - 40), m.index))
    )
      continue;
    if (ownerBefore(clean, m.index) !== 'visitor') continue;
    found = email;
  }
  return found;
}

/** Applies "sorry, it's .org" / "it's @gmail.com" / "gmail.com not hotmail" to a known address. */
export function correctEmail(text: string, known: string): string | null {
  const at = known.indexOf('@');
  if (at < 1) return null;
  const local = known.slice(0, at);
  const domain = known.slice(at + 1);
  const clean = deobfuscate(text.toLowerCase());
  const atDomain = /(?:^|[\s:,'"(])@([a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,4})(?![a-z0-9.-])/.exec(
    clean,
  );
  if (atDomain?.[1]) return normalizeEmail(`${local}@${atDomain[1]}`);
  const suffix = /(?:^|[\s:,'"(])(\.[a-z]{2,24}(?:\.[a-z]{2,3})?)(?![a-z0-9.-])/.exec(clean);
  if (suffix?.[1]) {
    const firstLabel = domain.split('.')[0] ?? '';
    const candidate = normalizeEmail(`${local}@${firstLabel}${suffix[1]}`);
    return candidate === known ? null : candidate;
  }
  const bareDomain = /(?:^|[\s:,'"(])([a-z0-9-]{1,63}(?:\.[a-z]{2,24}){1,3})(?![a-z0-9.@-])/.exec(
    clean,
  );
  if (bareDomain?.[1] && bareDomain[1] !== domain)
    return normalizeEmail(`${local}@${bareDomain[1]}`);
  return null;
}
