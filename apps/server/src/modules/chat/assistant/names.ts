import { ownerBefore } from './context';

/**
 * Names from phrases people really use: "I'm Sam", "my name is Sam Lee", "this is Sam", "call me
 * Sam", "name: Sam", sign-offs ("Thanks, Sam", "Cheers,\nSam Lee", "— Sam"), the same phrases in
 * French, Spanish, German, Italian, Portuguese and Dutch, and a bare answer after being asked.
 */

// Words that follow "I'm" / "je suis" / "soy" without being a name: states, professions, places,
// fillers. Checked lower-cased against every token.
const STOP_WORDS = new Set(
  `a an the and or but so very really just also still only not no yes yeah yep nope ok okay sure fine
  good great well bad sorry glad happy sad pleased delighted excited keen curious confused lost stuck
  interested interesting looking trying wondering thinking hoping planning calling writing reaching
  asking going coming leaving getting having doing working living moving running waiting searching
  after from in at on with for about into to of by as here there back new old currently actually
  already now today tomorrow yesterday tonight again too more less much many some any all every this
  that these those it its it's what who where when why how which whose whom if then than maybe perhaps
  probably definitely absolutely afraid available busy free ready done finished interested
  retired married single divorced unemployed self-employed freelance freelancer student teacher doctor
  nurse engineer developer designer manager owner founder director consultant lawyer accountant
  architect contractor builder plumber electrician chef writer artist photographer realtor agent
  broker investor customer client visitor user member buyer seller landlord tenant parent mum mom dad
  mother father wife husband partner boss colleague friend business company team person girl
  man woman lady gentleman human bot robot ai assistant someone somebody nobody anyone everyone
  myself me my mine i you your yours he she they we us him her them his their our i'm i'd i'll i've
  we're we'll we've you're they're it's let's what's that's there's here's
  hungry tired sick ill pregnant vegan vegetarian late early lucky worried unsure certain aware
  unhappy satisfied disappointed frustrated annoyed impressed home away abroad online out urgent
  important weird strange crazy amazing awesome cool nice helpful useful confusing expensive cheap
  perfect correct wrong right true false silly annoying ridiculous insane brilliant fantastic
  excellent terrible awful horrible gonna wanna gotta able unable allowed supposed meant
  support team sales service services ltd limited inc llc gmbh plc corp co group department office
  shop store studio agency consulting solutions marketing admin administration reception hr it
  accounts billing helpdesk desk staff crew family self fully half semi part full
  hi hello hey thanks thank thx cheers regards best bye goodbye welcome please help question
  based located calling contacting emailing messaging texting interested
  english british american canadian australian german french spanish italian dutch indian irish
  scottish welsh japanese chinese brazilian portuguese mexican african european asian
  london paris berlin madrid rome amsterdam dublin new york tokyo sydney mumbai delhi
  monday tuesday wednesday thursday friday saturday sunday january february march
  july september october november december
  call email phone number name mail address contact details info information price quote order
  calling interested in need want like love hate know think guess hope
  je suis moi c'est un une le la les des de du à au aux en très bien pas ici là intéressé intéressée
  désolé désolée content contente heureux heureuse prêt prête nouveau nouvelle client cliente
  soy estoy un una el los las de del en muy bien no aquí interesado interesada buscando nuevo nueva
  ich bin ein eine der die das den dem des aus im am sehr gut nicht hier interessiert neu kunde
  kundin auf der suche
  sono un una il lo gli di da molto bene non qui interessato interessata nuovo nuova cliente
  eu sou um uma o os as do da dos das em muito bem não aqui interessado interessada novo nova
  ik ben een het van uit in erg goed niet hier geïnteresseerd nieuw nieuwe klant op zoek naar`
    .split(/\s+/)
    .filter(Boolean),
);
// Lower-case particles that belong inside a surname.
const PARTICLES = new Set([
  'van',
  'der',
  'den',
  'de',
  'da',
  'di',
  'du',
  'del',
  'della',
  'dos',
  'das',
  'do',
  'la',
  'le',
  'von',
  'zu',
  'ten',
  'ter',
  'bin',
  'binti',
  'al',
  'el',
  'y',
  'e',
  "d'",
  "o'",
]);

const NAME_TOKEN = /^[\p{L}][\p{L}'.-]{0,39}$/u;

type Cue = { pattern: RegExp; strong: boolean };

// "strong" cues introduce nothing but a name, so lower-case answers are taken; ambiguous ones
// ("I'm …", "je suis …") need a token that looks like a name.
const CUES: Cue[] = [
  {
    pattern:
      /(?:^|[^\p{L}'])(?:my name is|my name's|my names|name is|name's|my full name is|full name is|my first name is|first name is|the name is|name here is)\s+/giu,
    strong: true,
  },
  {
    pattern:
      /(?:^|[^\p{L}'])(?:name|full name|your name|nom|nombre|name|nome|naam)\s*[:=–—-]\s*/giu,
    strong: true,
  },
  {
    pattern:
      /(?:^|[^\p{L}'])(?:call me|you can call me|people call me|everyone calls me|it's spelled|it is spelled|spelled|spelt)\s+/giu,
    strong: true,
  },
  {
    pattern:
      /(?:^|[^\p{L}'])(?:je m'appelle|je m'apelle|mon nom est|mon nom c'est|moi c'est|moi, c'est)\s+/giu,
    strong: true,
  },
  { pattern: /(?:^|[^\p{L}'])(?:me llamo|mi nombre es|me llaman)\s+/giu, strong: true },
  {
    pattern:
      /(?:^|[^\p{L}'])(?:ich heiße|ich heisse|ich heiß|mein name ist|mein name lautet)\s+/giu,
    strong: true,
  },
  {
    pattern: /(?:^|[^\p{L}'])(?:mi chiamo|il mio nome è|il mio nome e'|il mio nome e)\s+/giu,
    strong: true,
  },
  {
    pattern: /(?:^|[^\p{L}'])(?:meu nome é|meu nome e|me chamo|o meu nome é|chamo-me)\s+/giu,
    strong: true,
  },
  { pattern: /(?:^|[^\p{L}'])(?:mijn naam is|ik heet)\s+/giu, strong: true },
  {
    pattern:
      /(?:^|[^\p{L}'])(?:i'm|i am|im|this is|it's|its|it is|here's|je suis|c'est|soy|ich bin|hier ist|sono|qui è|eu sou|sou|aqui é|ik ben|met)\s+/giu,
    strong: false,
  },
];
const AMBIGUOUS_NEEDS_START = /^(?:it's|its|it is|c'est|met|sou)$/i;

const SIGN_OFF =
  /(?:^|[\n.!?]\s*|^\s*)(?:thanks|thank you|thank you very much|many thanks|thanks a lot|thx|ty|cheers|regards|best regards|kind regards|warm regards|best wishes|all the best|best|sincerely|yours|yours truly|ta|merci|merci beaucoup|cordialement|bien à vous|gracias|muchas gracias|saludos|un saludo|atentamente|danke|vielen dank|grüße|viele grüße|liebe grüße|mfg|lg|grazie|grazie mille|saluti|cordiali saluti|obrigado|obrigada|abraços|cumprimentos|bedankt|groeten|met vriendelijke groet)\s*[,!.]?\s*(?:\n\s*|\s+)([^\n]{1,60})$/iu;
const DASH_SIGN_OFF = /(?:^|\s)(?:—|–|--|-|~)\s*([^\n—–~-]{1,60})$/u;
const HERE_AT_START =
  /^\s*(?:hi|hello|hey|hiya)?[\s,!]*([\p{L}][\p{L}'.-]{0,39}(?:\s+[\p{L}][\p{L}'.-]{0,39}){0,2})\s+(?:here|speaking|ici|aquí|hier|qui|aqui)\b/iu;

function isCapitalized(token: string): boolean {
  const first = token.charAt(0);
  return first !== first.toLowerCase() && first === first.toUpperCase();
}

function isLowerWord(token: string): boolean {
  return token === token.toLowerCase();
}

function looksLikeWordNotName(lower: string): boolean {
  return (
    STOP_WORDS.has(lower) ||
    (/(?:ing|ed|ly|ful|ous|ive|able|ible|less|ness|ment|tion|sion|ist|ism)$/.test(lower) &&
      lower.length > 5) ||
    /\d/.test(lower)
  );
}

/** Proper case for "sam lee" / "SAM LEE"; mixed case as typed ("McDonald", "DeShawn") is kept. */
export function properCase(name: string): string {
  const tokens = name.split(/\s+/).filter(Boolean);
  return tokens
    .map((token, i) => {
      const lower = token.toLowerCase();
      const isMixed = token !== lower && token !== token.toUpperCase();
      if (isMixed) return token;
      if (i > 0 && i < tokens.length - 1 && PARTICLES.has(lower)) return lower;
      return lower.replace(
        /(^|[-'.])(\p{L})/gu,
        (_m: string, sep: string, ch: string) => sep + ch.toUpperCase(),
      );
    })
    .join(' ');
}

const TITLE =
  /^(?:dr|mr|mrs|ms|miss|mx|prof|sir|dame|herr|frau|mme|mlle|sr|sra|srta|sig|sig\.ra|dhr|mevr)\.?\s+(?=\p{L})/iu;

/**
 * Reads up to four name tokens from the start of `rest`. Returns null when the first token is not
 * name-like. `strong` cues accept lower-case names ("my name is sam lee").
 */
function readName(rest: string, strong: boolean): string | null {
  // Titles are not part of the name: "I'm Dr. Sarah Connor" → "Sarah Connor".
  const words = rest.slice(0, 120).replace(TITLE, '').split(/[\s]+/);
  const picked: string[] = [];
  for (const word of words) {
    if (picked.length >= 4) break;
    // Punctuation after a token ends the name ("Sam, and …", "Sam. I need …").
    const m = /^([\p{L}][\p{L}'.-]*?)([,;:!?)"\]]*|\.{1,3})$/u.exec(word);
    if (!m?.[1]) break;
    const punct = m[2] ?? '';
    const isInitial = m[1].length === 1 && punct === '.';
    const token = isInitial ? `${m[1]}.` : m[1].replace(/['.-]+$/, '');
    const ends = punct !== '' && !isInitial;
    if (!NAME_TOKEN.test(token)) break;
    const lower = token.toLowerCase();
    if (/'s$/.test(lower) && words.length > picked.length + 1) return null; // "John's assistant"
    if (picked.length === 0) {
      if (looksLikeWordNotName(lower)) return null;
      if (!strong && !isCapitalized(token)) return null;
    } else {
      const isParticle = PARTICLES.has(lower);
      // A capitalized surname may end like a word ("Scully", "Bradley", "Harding").
      const surname = isCapitalized(token) && !STOP_WORDS.has(lower) && !/\d/.test(lower);
      if (!isParticle && !surname && looksLikeWordNotName(lower)) break;
      if (!isParticle && isLowerWord(token) && isCapitalized(picked[0] ?? '')) break;
      if (!isParticle && !strong && !isCapitalized(token)) break;
    }
    picked.push(token);
    if (ends) break;
  }
  while (picked.length > 1 && PARTICLES.has((picked[picked.length - 1] ?? '').toLowerCase()))
    picked.pop();
  if (picked.length === 0) return null;
  const name = properCase(picked.join(' '));
  return name.length >= 2 || /^\p{Lu}$/u.test(name) ? name : null;
}

/**
 * A message typed without capitals ("hi i'm sam lee") — the only capitals are sentence starts and
 * "I". There a lower-case name after "I'm" is still a name; elsewhere it must be capitalised.
 */
function isCasual(text: string): boolean {
  for (const m of text.matchAll(/(^|[.!?\n]\s*|[^.!?\n])(\p{Lu}[\p{L}']*)/gu)) {
    const word = m[2] ?? '';
    const atSentenceStart =
      m.index === 0 ||
      /[.!?\n]\s*$/.test(m[1] ?? '') ||
      /^\s*$/.test(text.slice(0, m.index + (m[1] ?? '').length));
    if (atSentenceStart || /^I(?:'m|'d|'ve|'ll)?$/.test(word)) continue;
    return false;
  }
  return true;
}

function isSomeoneElse(text: string, index: number): boolean {
  const owner = ownerBefore(text, index);
  return owner === 'other' || owner === 'business' || owner === 'example';
}

/** A name the visitor gives for themselves, or null. */
export function extractName(
  text: string,
  options: { asked: boolean; correcting: boolean },
): string | null {
  let found: string | null = null;
  const casual = isCasual(text);
  for (const cue of CUES) {
    for (const m of text.matchAll(cue.pattern)) {
      const cueWord = m[0].trim().toLowerCase();
      if (!cue.strong && AMBIGUOUS_NEEDS_START.test(cueWord)) {
        // "it's Sam" only when the visitor is answering or correcting ("sorry, it's Sam").
        if (!options.asked && !options.correcting) continue;
      }
      const start = m.index + m[0].length;
      // The window ends after the cue, so "her name is Jo and my name is Sam" reads "my" last.
      if (isSomeoneElse(text, start)) continue;
      const before = text.slice(Math.max(0, m.index - 25), m.index + 1).toLowerCase();
      if (
        /(?:his|her|their|wife's|husband's|boss's|friend's|colleague's|partner's)\s*$/.test(before)
      )
        continue;
      const name = readName(text.slice(start), cue.strong || options.asked || casual);
      if (name) found ??= name;
    }
  }
  if (found) return found;

  const here = HERE_AT_START.exec(text);
  if (here?.[1]) {
    const name = readName(here[1], false);
    if (name && name.split(' ').length === here[1].trim().split(/\s+/).length) return name;
  }

  const trimmed = text.trim();
  const signOff = SIGN_OFF.exec(trimmed) ?? DASH_SIGN_OFF.exec(trimmed);
  if (signOff?.[1]) {
    const candidate = signOff[1]
      .trim()
      .replace(/[.!]+$/, '')
      .replace(TITLE, '');
    const tokens = candidate.split(/\s+/);
    // A sign-off name is the whole line, written with capitals.
    if (
      tokens.length <= 4 &&
      tokens.every((t) => isCapitalized(t) || PARTICLES.has(t.toLowerCase()))
    ) {
      const name = readName(candidate, false);
      if (name && name.split(' ').length === tokens.length) return name;
    }
  }

  if (options.asked) return bareName(trimmed);
  return null;
}

const BARE_PREFIX =
  /^(?:(?:sure|yes|yeah|ok|okay|of course|hi|hello|hey|oh|well|it's|its|it is|that's|that would be|that'd be|i'm|i am|im|my name is|name|sí|si|oui|ja|c'est|es|ist)[\s,:!.-]+)+/iu;

/** The whole message as a name, after "What's your name?": "Sam Lee", "sure, sam", "Sam!". */
function bareName(text: string): string | null {
  if (text.length > 120 || text.includes('?')) return null;
  // "John Smith from Acme", "Sam Lee, sam@acme.com", "Sam Lee 07911 123456": the name comes first.
  const head =
    text.split(/[,;(\n\d]|\s[-–—/|]\s|\s(?:from|at|with|of|and|here|&)\s|\S+@/i)[0] ?? '';
  if (/[@\d]/.test(head)) return null;
  const stripped = head
    .replace(BARE_PREFIX, '')
    .replace(/[\s.!,]+$/, '')
    .replace(/\s+(?:here|thanks|thank you|thx)$/i, '');
  const tokens = stripped.split(/\s+/).filter(Boolean);
  if (tokens.length === 0 || tokens.length > 4) return null;
  if (!tokens.every((t) => NAME_TOKEN.test(t))) return null;
  const name = readName(stripped, true);
  return name && name.split(' ').length === tokens.length ? name : null;
}
