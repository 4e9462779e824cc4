import type { FieldValue } from '@agent-crm/contracts';
import type { CaptureContext, CaptureField, Extracted } from './extract';

/**
 * The assistant that answers when no LLM is configured: greets with the welcome message, thanks the
 * visitor for what they just gave, asks for the next missing "Allow for AI" detail by its label and,
 * once everything is known, says so. It never pretends to answer questions: a person follows up.
 */

export type ChatTurn = { role: 'user' | 'assistant'; text: string };

export type RuleBasedInput = {
  agentName: string;
  welcomeMessage: string;
  /** The conversation so far, including the visitor's newest message last. */
  history: ChatTurn[];
  /** Everything known about the visitor after extracting from the newest message. */
  known: Extracted;
  /** What the newest message added. */
  justCaptured: Extracted;
  ctx: CaptureContext;
};

type Wanted = { key: string; phrase: string; question: string };

const BUILT_IN_PHRASES = {
  name: 'your name',
  email: 'your email address',
  phone: 'your phone number',
} as const;

function isEmpty(value: FieldValue | undefined): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

function lowerFirst(label: string): string {
  // "Company" → "company", but "CRM used" and "VAT number" keep their capitals.
  return /^\p{Lu}\p{Ll}/u.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

function listOptions(options: string[], joiner: string): string {
  if (options.length <= 1) return options.join('');
  return `${options.slice(0, -1).join(', ')} ${joiner} ${options[options.length - 1] ?? ''}`;
}

function customQuestion(field: CaptureField): string {
  const label = field.label.trim();
  const phrase = lowerFirst(label);
  switch (field.type) {
    case 'select':
      return field.options.length > 0
        ? `Which ${phrase} would you like: ${listOptions(field.options, 'or')}?`
        : `What's your ${phrase}?`;
    case 'multi_select':
      return field.options.length > 0
        ? `Which ${phrase} apply to you: ${listOptions(field.options, 'and/or')}?`
        : `What's your ${phrase}?`;
    case 'boolean':
      return label.endsWith('?') ? `${label} (yes or no)` : `${label}: yes or no?`;
    case 'date':
      return `What's your ${phrase}? (a date, e.g. 12 March 2027)`;
    case 'text':
    case 'long_text':
    case 'number':
    case 'email':
    case 'phone':
    case 'url':
      return label.endsWith('?') ? label : `Could you tell me your ${phrase}?`;
  }
}

/** The capturable details still missing, in the order they are asked for. */
export function missingDetails(known: Extracted, ctx: CaptureContext): Wanted[] {
  const wanted: Wanted[] = [];
  if (ctx.capture.name && !known.name) {
    wanted.push({ key: 'name', phrase: BUILT_IN_PHRASES.name, question: 'May I have your name?' });
  }
  if (ctx.capture.email && !known.email) {
    wanted.push({
      key: 'email',
      phrase: BUILT_IN_PHRASES.email,
      question: "What's your email address?",
    });
  }
  if (ctx.capture.phone && !known.phone) {
    wanted.push({
      key: 'phone',
      phrase: BUILT_IN_PHRASES.phone,
      question: "What's your phone number?",
    });
  }
  for (const field of ctx.fields) {
    if (!isEmpty(known.fields[field.key])) continue;
    wanted.push({
      key: field.key,
      phrase: lowerFirst(field.label),
      question: customQuestion(field),
    });
  }
  return wanted;
}

const GREETING_ONLY =
  /^(?:hi|hii+|hello|hey|heya|hiya|yo|howdy|good (?:morning|afternoon|evening|day)|greetings|bonjour|salut|bonsoir|hola|buenas|buenos días|buenas tardes|hallo|guten tag|moin|servus|ciao|salve|buongiorno|olá|ola|oi|bom dia|boa tarde|hoi|goedemorgen|goedemiddag|namaste|g'day)(?:\s+(?:there|all|team|everyone))?[\s!.,:)]*$/iu;
const THANKS_OR_BYE =
  /^(?:(?:ok(?:ay)?|great|perfect|cool|brilliant|awesome|lovely|nice|super)[\s,!.]*)?(?:thanks|thank you|thx|ty|cheers|merci|gracias|danke|grazie|obrigad[oa]|bedankt|bye|goodbye|see you|that's all|that is all|nothing else|no thanks|all good)\b[^?]*$/iu;
const QUESTION =
  /\?\s*$|^(?:what|when|where|why|how|who|which|can|could|would|will|do|does|did|is|are|am|should|may|have|has|quel|quelle|comment|pourquoi|où|quand|qué|que|cómo|cuándo|dónde|por qué|cuánto|was|wie|wo|wann|warum|kann|können|gibt|cosa|come|quando|dove|perché|quanto|o que|como|onde|porque|quanto|wat|hoe|waar|wanneer|waarom|kan|kunt|is er)\b/iu;

function capturedPhrases(captured: Extracted, ctx: CaptureContext): string[] {
  const phrases: string[] = [];
  if (captured.email) phrases.push(BUILT_IN_PHRASES.email);
  if (captured.phone) phrases.push(BUILT_IN_PHRASES.phone);
  for (const field of ctx.fields) {
    if (!isEmpty(captured.fields[field.key])) phrases.push(`your ${lowerFirst(field.label)}`);
  }
  return phrases;
}

function joinAnd(parts: string[]): string {
  return parts.length <= 1
    ? parts.join('')
    : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] ?? ''}`;
}

/** How many earlier assistant turns already asked this question (to stop asking after two tries). */
function timesAsked(history: ChatTurn[], question: string): number {
  return history.filter((t) => t.role === 'assistant' && t.text.includes(question)).length;
}

const FOLLOW_UP = "I can't answer that myself, but a person from the team will follow up with you.";

const REFUSAL =
  /^(?:no|nope|nah|no thanks|no thank you|i'd rather not|i would rather not|rather not|prefer not|i prefer not to|prefer not to say|skip|pass|not now|later|none of your business|not telling|no way)\b/i;

export function ruleBasedReply(input: RuleBasedInput): { text: string; askedFor: string | null } {
  const { history, known, justCaptured, ctx } = input;
  const lastUser =
    [...history]
      .reverse()
      .find((t) => t.role === 'user')
      ?.text.trim() ?? '';
  const isFirstReply = !history.some((t) => t.role === 'assistant');
  const parts: string[] = [];

  if (isFirstReply) {
    const welcome = input.welcomeMessage.trim();
    parts.push(welcome !== '' ? welcome : `Hi! I'm ${input.agentName.trim() || 'the assistant'}.`);
  }

  const firstName = justCaptured.name?.split(' ')[0];
  const others = capturedPhrases(justCaptured, ctx);
  const capturedSomething = firstName !== undefined || others.length > 0;
  const isGreeting = GREETING_ONLY.test(lastUser);
  const isQuestion = !isGreeting && QUESTION.test(lastUser);
  const isThanks = !capturedSomething && !isQuestion && THANKS_OR_BYE.test(lastUser);

  const missing = missingDetails(known, ctx);
  // Each detail is asked at most twice, so a visitor who would rather not say is not pestered.
  const wanted = missing.filter((w) => timesAsked(history, w.question) < 2);
  const declined =
    ctx.askedFor != null &&
    !capturedSomething &&
    REFUSAL.test(lastUser) &&
    missing.some((w) => w.key === ctx.askedFor);
  const next = (declined ? wanted.find((w) => w.key !== ctx.askedFor) : undefined) ?? wanted[0];

  if (!next) {
    if (capturedSomething) {
      parts.push(`${firstName ? `Thanks, ${firstName}` : 'Thanks'} — I have everything I need.`);
    }
    if (isQuestion) parts.push(FOLLOW_UP);
    else if (capturedSomething) parts.push('How else can I help?');
    else if (isThanks && !isFirstReply) {
      parts.push("You're welcome! Is there anything else I can help with?");
    } else parts.push('How can I help?');
    return { text: parts.join(' '), askedFor: null };
  }

  if (firstName !== undefined) {
    parts.push(
      others.length > 0
        ? `Thanks, ${firstName}! I've noted ${joinAnd(others)}.`
        : `Thanks, ${firstName}!`,
    );
  } else if (others.length > 0) {
    parts.push(`Thanks — I've noted ${joinAnd(others)}.`);
  } else if (declined) {
    parts.push('No problem.');
  }
  if (isQuestion) {
    parts.push(FOLLOW_UP);
    parts.push(`Meanwhile, ${lowerFirst(next.question)}`);
  } else {
    parts.push(next.question);
  }
  return { text: parts.join(' '), askedFor: next.key };
}
