import { describe, expect, it } from 'vitest';
import type { CaptureContext, CaptureField, Extracted } from './extract';
import { extractDetails } from './extract';
import type { ChatTurn } from './rule-based';
import { ruleBasedReply } from './rule-based';

const PLAN: CaptureField = {
  key: 'plan',
  label: 'Plan',
  type: 'select',
  options: ['Basic', 'Pro', 'Enterprise'],
};
const COMPANY: CaptureField = { key: 'company', label: 'Company', type: 'text', options: [] };

function context(overrides: Partial<CaptureContext> = {}): CaptureContext {
  return {
    defaultCountry: 'GB',
    capture: { name: true, email: true, phone: false },
    fields: [COMPANY, PLAN],
    businessEmails: ['hello@brightdesk.co.uk'],
    businessPhones: [],
    ...overrides,
  };
}

/**
 * Plays a conversation the way the chat server does: extract from each visitor message with the
 * previous askedFor, merge into what is known, then ask the assistant for its reply.
 */
function converse(
  messages: string[],
  ctx: CaptureContext,
  welcomeMessage = 'Welcome to Brightdesk!',
) {
  const history: ChatTurn[] = [];
  let known: Extracted = { fields: {} };
  let askedFor: string | null = null;
  const replies: { text: string; askedFor: string | null }[] = [];
  for (const message of messages) {
    history.push({ role: 'user', text: message });
    const turnCtx: CaptureContext = { ...ctx, askedFor, known };
    const justCaptured = extractDetails(message, turnCtx);
    known = {
      ...known,
      ...(justCaptured.name ? { name: justCaptured.name } : {}),
      ...(justCaptured.email ? { email: justCaptured.email } : {}),
      ...(justCaptured.phone ? { phone: justCaptured.phone } : {}),
      fields: { ...known.fields, ...justCaptured.fields },
    };
    const reply = ruleBasedReply({
      agentName: 'Brightdesk',
      welcomeMessage,
      history: [...history],
      known,
      justCaptured,
      ctx: turnCtx,
    });
    history.push({ role: 'assistant', text: reply.text });
    replies.push(reply);
    askedFor = reply.askedFor;
  }
  return { replies, known };
}

describe('ruleBasedReply', () => {
  it('greets with the welcome message and asks for the name first', () => {
    const { replies } = converse(['Hi'], context());
    expect(replies[0]).toEqual({
      text: 'Welcome to Brightdesk! May I have your name?',
      askedFor: 'name',
    });
  });

  it('greets by agent name when there is no welcome message', () => {
    const { replies } = converse(['hello'], context(), '  ');
    expect(replies[0]?.text).toBe("Hi! I'm Brightdesk. May I have your name?");
  });

  it('asks in turn, acknowledges each answer and finishes once everything is known', () => {
    const { replies, known } = converse(
      ['Hi', 'Sam Lee', 'sam at acme dot com', 'Acme Ltd', 'pro'],
      context(),
    );
    expect(replies.map((r) => r.text)).toEqual([
      'Welcome to Brightdesk! May I have your name?',
      "Thanks, Sam! What's your email address?",
      "Thanks — I've noted your email address. Could you tell me your company?",
      "Thanks — I've noted your company. Which plan would you like: Basic, Pro or Enterprise?",
      'Thanks — I have everything I need. How else can I help?',
    ]);
    expect(replies.map((r) => r.askedFor)).toEqual(['name', 'email', 'company', 'plan', null]);
    expect(known).toEqual({
      name: 'Sam Lee',
      email: 'sam@acme.com',
      fields: { company: 'Acme Ltd', plan: 'Pro' },
    });
  });

  it('takes several details at once and does not ask again for known ones', () => {
    const { replies } = converse(
      ["Hi, I'm Priya, priya@shop.in. We'd like the Enterprise plan"],
      context(),
    );
    expect(replies[0]).toEqual({
      text: "Welcome to Brightdesk! Thanks, Priya! I've noted your email address and your plan. Could you tell me your company?",
      askedFor: 'company',
    });
  });

  it('skips fields the agent may not capture and fields already known', () => {
    const ctx = context({ capture: { name: false, email: true, phone: true }, fields: [PLAN] });
    const reply = ruleBasedReply({
      agentName: 'Brightdesk',
      welcomeMessage: '',
      history: [
        { role: 'user', text: 'hi' },
        { role: 'assistant', text: "What's your email address?" },
        { role: 'user', text: 'sam@acme.com' },
      ],
      known: { email: 'sam@acme.com', fields: { plan: 'Basic' } },
      justCaptured: { email: 'sam@acme.com', fields: {} },
      ctx: { ...ctx, askedFor: 'email' },
    });
    expect(reply).toEqual({
      text: "Thanks — I've noted your email address. What's your phone number?",
      askedFor: 'phone',
    });
  });

  it('lists the options of multi-select fields and asks yes/no questions plainly', () => {
    const ctx = context({
      capture: { name: false, email: false, phone: false },
      fields: [
        {
          key: 'interests',
          label: 'Interests',
          type: 'multi_select',
          options: ['CRM', 'Forms', 'Payments'],
        },
        {
          key: 'newsletter',
          label: 'Would you like our newsletter?',
          type: 'boolean',
          options: [],
        },
      ],
    });
    const { replies } = converse(['hey', 'crm and forms', 'yes'], ctx, '');
    expect(replies.map((r) => r.text)).toEqual([
      "Hi! I'm Brightdesk. Which interests apply to you: CRM, Forms and/or Payments?",
      "Thanks — I've noted your interests. Would you like our newsletter? (yes or no)",
      'Thanks — I have everything I need. How else can I help?',
    ]);
  });

  it('says a person will follow up on questions it cannot answer, and still asks for a missing detail', () => {
    const { replies } = converse(['Hi', 'How much does the Pro plan cost?'], context());
    expect(replies[1]).toEqual({
      text: "I can't answer that myself, but a person from the team will follow up with you. Meanwhile, may I have your name?",
      askedFor: 'name',
    });
  });

  it('answers a first-message question with the welcome and the follow-up promise', () => {
    const { replies } = converse(['Do you ship to Spain?'], context());
    expect(replies[0]?.text).toBe(
      "Welcome to Brightdesk! I can't answer that myself, but a person from the team will follow up with you. Meanwhile, may I have your name?",
    );
  });

  it('moves on when the visitor would rather not say, and stops asking after two tries', () => {
    const ctx = context({ fields: [] });
    const { replies } = converse(['hi', "I'd rather not say", 'sam@acme.com', 'ok', 'ok'], ctx);
    expect(replies.map((r) => r.text)).toEqual([
      'Welcome to Brightdesk! May I have your name?',
      "No problem. What's your email address?",
      "Thanks — I've noted your email address. May I have your name?",
      'How can I help?',
      'How can I help?',
    ]);
    expect(replies.map((r) => r.askedFor)).toEqual(['name', 'email', 'name', null, null]);
  });

  it('does not capture or re-ask when the visitor gives a colleague’s details', () => {
    const { replies, known } = converse(['Hi', "my colleague's email is jo@acme.com"], context());
    expect(known).toEqual({ fields: {} });
    expect(replies[1]?.askedFor).toBe('name');
  });

  it('takes a correction and acknowledges it', () => {
    const { replies, known } = converse(
      ['Hi', 'Sam', 'sam@acme.com', "sorry, it's .org"],
      context(),
    );
    expect(known.email).toBe('sam@acme.org');
    expect(replies[3]?.text).toBe(
      "Thanks — I've noted your email address. Could you tell me your company?",
    );
  });

  it('offers help when everything is already known and the visitor says thanks', () => {
    const ctx = context({ capture: { name: true, email: false, phone: false }, fields: [] });
    const { replies } = converse(['Hi, I am Sam', 'thanks!'], ctx);
    expect(replies.map((r) => r.text)).toEqual([
      'Welcome to Brightdesk! Thanks, Sam — I have everything I need. How else can I help?',
      "You're welcome! Is there anything else I can help with?",
    ]);
  });

  it('never re-asks details known from earlier conversations', () => {
    const known: Extracted = {
      name: 'Sam Lee',
      email: 'sam@acme.com',
      fields: { company: 'Acme' },
    };
    const reply = ruleBasedReply({
      agentName: 'Brightdesk',
      welcomeMessage: 'Welcome back to Brightdesk!',
      history: [{ role: 'user', text: 'Hi again' }],
      known,
      justCaptured: { fields: {} },
      ctx: { ...context(), known },
    });
    expect(reply).toEqual({
      text: 'Welcome back to Brightdesk! Which plan would you like: Basic, Pro or Enterprise?',
      askedFor: 'plan',
    });
  });

  it('promises a follow-up and asks nothing more when everything is known', () => {
    const known: Extracted = {
      name: 'Sam',
      email: 'sam@acme.com',
      fields: { company: 'Acme', plan: 'Pro' },
    };
    const reply = ruleBasedReply({
      agentName: 'Brightdesk',
      welcomeMessage: '',
      history: [
        { role: 'user', text: 'hi' },
        { role: 'assistant', text: 'How can I help?' },
        { role: 'user', text: 'Can I pay yearly?' },
      ],
      known,
      justCaptured: { fields: {} },
      ctx: { ...context(), known },
    });
    expect(reply).toEqual({
      text: "I can't answer that myself, but a person from the team will follow up with you.",
      askedFor: null,
    });
  });

  it('takes the last detail and still promises a follow-up on the question that came with it', () => {
    const { replies, known } = converse(
      ['Hi, I am Sam', 'sam@acme.com', 'Acme', 'Pro please. Can I pay yearly?'],
      context(),
    );
    expect(known.fields).toEqual({ company: 'Acme', plan: 'Pro' });
    expect(replies[3]).toEqual({
      text: "Thanks — I have everything I need. I can't answer that myself, but a person from the team will follow up with you.",
      askedFor: null,
    });
  });
});
