import { describe, expect, it } from 'vitest';
import type { CaptureContext, CaptureField, Extracted } from './extract';
import { businessContactsFrom, extractDetails } from './extract';

const FIELDS: CaptureField[] = [
  { key: 'company', label: 'Company', type: 'text', options: [] },
  { key: 'budget', label: 'Budget', type: 'number', options: [] },
  { key: 'team_size', label: 'Team size', type: 'number', options: [] },
  { key: 'plan', label: 'Plan', type: 'select', options: ['Basic', 'Pro', 'Enterprise'] },
  {
    key: 'interests',
    label: 'Interests',
    type: 'multi_select',
    options: ['CRM', 'Live chat', 'Forms', 'Payments'],
  },
  { key: 'start_date', label: 'Start date', type: 'date', options: [] },
  { key: 'newsletter', label: 'Newsletter', type: 'boolean', options: [] },
  { key: 'website', label: 'Website', type: 'url', options: [] },
  { key: 'notes', label: 'Notes', type: 'long_text', options: [] },
  { key: 'billing_email', label: 'Billing email', type: 'email', options: [] },
  { key: 'office_phone', label: 'Office phone', type: 'phone', options: [] },
];

function context(overrides: Partial<CaptureContext> = {}): CaptureContext {
  return {
    defaultCountry: 'GB',
    capture: { name: true, email: true, phone: true },
    fields: FIELDS,
    businessEmails: ['hello@brightdesk.co.uk', 'support@brightdesk.co.uk'],
    businessPhones: ['+442079460018', '+14155552671'],
    askedFor: null,
    ...overrides,
  };
}

type Expected = Omit<Partial<Extracted>, 'fields'> & { fields?: Extracted['fields'] };
type Case = {
  text: string;
  expect: Expected;
  country?: string;
  askedFor?: string;
  known?: Extracted;
};
const NOTHING: Expected = {};

// ---------------------------------------------------------------------------------------------
// Values the visitor gives for themselves: each must be captured exactly as normalized.
// ---------------------------------------------------------------------------------------------
const CAPTURES: Case[] = [
  // Emails in many shapes
  { text: 'my email is sam@acme.com', expect: { email: 'sam@acme.com' } },
  { text: 'Email: Sam.Lee@Acme.CO.UK.', expect: { email: 'sam.lee@acme.co.uk' } },
  { text: 'you can reach me at sam at acme dot org', expect: { email: 'sam@acme.org' } },
  { text: 'sam [at] acme [dot] co [dot] uk', expect: { email: 'sam@acme.co.uk' } },
  { text: 'sam(at)acme.com please', expect: { email: 'sam@acme.com' } },
  { text: 'mailto:priya.sharma+crm@gmail.com', expect: { email: 'priya.sharma+crm@gmail.com' } },
  { text: 'contact me: lena.mueller @ firma.de', expect: { email: 'lena.mueller@firma.de' } },
  { text: 'mon e-mail: claire.dubois@orange.fr', expect: { email: 'claire.dubois@orange.fr' } },
  {
    text: 'mi correo es lucia.garcia arroba telefonica punto es',
    expect: { email: 'lucia.garcia@telefonica.es' },
  },
  {
    text: 'la mia email è marco.rossi@libero.it, grazie',
    expect: { email: 'marco.rossi@libero.it' },
  },
  { text: 'meu email é joao.silva@uol.com.br', expect: { email: 'joao.silva@uol.com.br' } },
  { text: 'mijn e-mailadres is pieter@bedrijf.nl.', expect: { email: 'pieter@bedrijf.nl' } },
  { text: "It's SAM@ACME.COM", expect: { email: 'sam@acme.com' } },
  { text: 'send the quote to (sam@acme.com)', expect: { email: 'sam@acme.com' } },
  { text: 'I work at acme.com, my address is sam@acme.com', expect: { email: 'sam@acme.com' } },
  { text: 'sam {at} acme {dot} com', expect: { email: 'sam@acme.com' } },
  {
    text: 'it is t.nakamura@example.jp? no wait, t.nakamura@corp.jp',
    expect: { email: 't.nakamura@corp.jp' },
  },

  // Phones with the agent's default country
  { text: 'my number is 07911 123456', expect: { phone: '+447911123456' } },
  { text: 'call me on +44 (0) 7911 123456', expect: { phone: '+447911123456' } },
  { text: 'mobile: 0044 7911 123456', expect: { phone: '+447911123456' } },
  {
    text: 'my cell is (212) 555-0198... no, (646) 555-3890',
    country: 'US',
    expect: { phone: '+16465553890' },
  },
  { text: 'reach me at 646-555-3890', country: 'US', expect: { phone: '+16465553890' } },
  { text: 'meine Nummer: 030 901820', country: 'DE', expect: { phone: '+4930901820' } },
  { text: 'Handy 0151 23456789', country: 'DE', expect: { phone: '+4915123456789' } },
  { text: 'mon numéro est le 06 12 34 56 78', country: 'FR', expect: { phone: '+33612345678' } },
  { text: 'mi teléfono es 612 345 678', country: 'ES', expect: { phone: '+34612345678' } },
  { text: 'il mio cellulare è 312 345 6789', country: 'IT', expect: { phone: '+393123456789' } },
  { text: 'mijn nummer is 06 12345678', country: 'NL', expect: { phone: '+31612345678' } },
  { text: 'my number is 98765 43210', country: 'IN', expect: { phone: '+919876543210' } },
  { text: 'call me on 0412 345 678', country: 'AU', expect: { phone: '+61412345678' } },
  { text: 'meu celular é (11) 91234-5678', country: 'BR', expect: { phone: '+5511912345678' } },
  { text: '電話番号は090-1234-5678です', country: 'JP', expect: { phone: '+819012345678' } },
  { text: 'my number is 082 123 4567', country: 'ZA', expect: { phone: '+27821234567' } },
  { text: 'text me on +1 646 555 3890', expect: { phone: '+16465553890' } },
  { text: 'WhatsApp +91 98765 43210', country: 'GB', expect: { phone: '+919876543210' } },
  { text: 'me: 07911123456', expect: { phone: '+447911123456' } },
  { text: 'tel. 020 7123 4567', expect: { phone: '+442071234567' } },

  // Names
  { text: "Hi, I'm Sam", expect: { name: 'Sam' } },
  { text: 'I am Sam Lee and I need a quote', expect: { name: 'Sam Lee' } },
  { text: 'my name is priya sharma', expect: { name: 'Priya Sharma' } },
  { text: 'This is Jordan from Acme', expect: { name: 'Jordan' } },
  { text: 'call me Alex.', expect: { name: 'Alex' } },
  { text: 'Name: Mary-Jane Watson', expect: { name: 'Mary-Jane Watson' } },
  { text: "i'm sean o'neil", expect: { name: "Sean O'Neil" } },
  { text: 'My name is Ronald McDonald', expect: { name: 'Ronald McDonald' } },
  { text: 'my name is Anna van der Berg', expect: { name: 'Anna van der Berg' } },
  { text: 'Thanks, Sam!', expect: { name: 'Sam' } },
  { text: 'That is all I needed.\nCheers,\nSam Lee', expect: { name: 'Sam Lee' } },
  { text: 'Please send the brochure — Sam', expect: { name: 'Sam' } },
  { text: "Bonjour, je m'appelle Élodie Martin", expect: { name: 'Élodie Martin' } },
  { text: 'je suis Camille, je voudrais un devis', expect: { name: 'Camille' } },
  { text: 'Hola, me llamo Lucía García', expect: { name: 'Lucía García' } },
  { text: 'mi nombre es José Luis', expect: { name: 'José Luis' } },
  { text: 'Hallo, ich heiße Jürgen Müller', expect: { name: 'Jürgen Müller' } },
  { text: 'ich heisse Anna', expect: { name: 'Anna' } },
  { text: 'Mein Name ist Lukas Schmidt.', expect: { name: 'Lukas Schmidt' } },
  { text: 'Ciao, mi chiamo Giulia', expect: { name: 'Giulia' } },
  { text: 'Olá, meu nome é João Pereira', expect: { name: 'João Pereira' } },
  { text: 'Goedemiddag, mijn naam is Sanne de Vries', expect: { name: 'Sanne de Vries' } },
  { text: 'SAM LEE here', expect: { name: 'Sam Lee' } },
  { text: 'Sam Lee', askedFor: 'name', expect: { name: 'Sam Lee' } },
  { text: 'sure, it’s priya', askedFor: 'name', expect: { name: 'Priya' } },
  { text: 'Kenji Watanabe.', askedFor: 'name', expect: { name: 'Kenji Watanabe' } },
  { text: 'Best regards,\nAisha Khan', expect: { name: 'Aisha Khan' } },

  // Several details at once
  {
    text: "Hi, I'm Sam Lee — sam@acme.com, 07911 123456",
    expect: { name: 'Sam Lee', email: 'sam@acme.com', phone: '+447911123456' },
  },
  {
    text: 'Name: Priya Sharma\nEmail: priya@shop.in\nPhone: 98765 43210',
    country: 'IN',
    expect: { name: 'Priya Sharma', email: 'priya@shop.in', phone: '+919876543210' },
  },

  // Custom fields, labelled by the visitor
  { text: 'my company is Acme Ltd', expect: { fields: { company: 'Acme Ltd' } } },
  {
    text: 'company — Acme Ltd, budget: 5k',
    expect: { fields: { company: 'Acme Ltd', budget: 5000 } },
  },
  { text: 'Budget: 12,500', expect: { fields: { budget: 12500 } } },
  { text: 'our budget is €5000', expect: { fields: { budget: 5000 } } },
  { text: 'team size: 25', expect: { fields: { team_size: 25 } } },
  { text: "we'd like the Enterprise plan", expect: { fields: { plan: 'Enterprise' } } },
  { text: 'plan: pro', expect: { fields: { plan: 'Pro' } } },
  {
    text: 'interests: CRM, live chat and payments',
    expect: { fields: { interests: ['CRM', 'Live chat', 'Payments'] } },
  },
  { text: 'start date: 12 March 2027', expect: { fields: { start_date: '2027-03-12' } } },
  { text: 'Start date is 2027-03-12', expect: { fields: { start_date: '2027-03-12' } } },
  { text: 'newsletter: yes please', expect: { fields: { newsletter: true } } },
  { text: 'website: acme.co.uk', expect: { fields: { website: 'https://acme.co.uk/' } } },
  {
    text: 'our website is https://www.acme.com/about.',
    expect: { fields: { website: 'https://www.acme.com/about' } },
  },
  {
    text: 'billing email: accounts@acme.com',
    expect: { fields: { billing_email: 'accounts@acme.com' } },
  },

  // Bare answers to a direct question
  { text: '42', askedFor: 'team_size', expect: { fields: { team_size: 42 } } },
  { text: 'about 5k', askedFor: 'budget', expect: { fields: { budget: 5000 } } },
  { text: '€5.000', askedFor: 'budget', country: 'DE', expect: { fields: { budget: 5000 } } },
  { text: '$1,299.50', askedFor: 'budget', country: 'US', expect: { fields: { budget: 1299.5 } } },
  { text: 'yes', askedFor: 'newsletter', expect: { fields: { newsletter: true } } },
  { text: 'nope', askedFor: 'newsletter', expect: { fields: { newsletter: false } } },
  { text: 'Oui', askedFor: 'newsletter', expect: { fields: { newsletter: true } } },
  { text: 'nein danke', askedFor: 'newsletter', expect: { fields: { newsletter: false } } },
  { text: 'ent', askedFor: 'plan', expect: { fields: { plan: 'Enterprise' } } },
  { text: 'the pro one', askedFor: 'plan', expect: { fields: { plan: 'Pro' } } },
  {
    text: 'forms and crm',
    askedFor: 'interests',
    expect: { fields: { interests: ['CRM', 'Forms'] } },
  },
  {
    text: '03/04/2027',
    askedFor: 'start_date',
    country: 'US',
    expect: { fields: { start_date: '2027-03-04' } },
  },
  {
    text: '03/04/2027',
    askedFor: 'start_date',
    country: 'GB',
    expect: { fields: { start_date: '2027-04-03' } },
  },
  {
    text: '12.03.2027',
    askedFor: 'start_date',
    country: 'DE',
    expect: { fields: { start_date: '2027-03-12' } },
  },
  {
    text: 'le 5 avril 2027',
    askedFor: 'start_date',
    country: 'FR',
    expect: { fields: { start_date: '2027-04-05' } },
  },
  {
    text: 'March 5th, 2027',
    askedFor: 'start_date',
    country: 'US',
    expect: { fields: { start_date: '2027-03-05' } },
  },
  {
    text: '1 de junio de 2027',
    askedFor: 'start_date',
    country: 'ES',
    expect: { fields: { start_date: '2027-06-01' } },
  },
  {
    text: 'Acme Widgets Ltd',
    askedFor: 'company',
    expect: { fields: { company: 'Acme Widgets Ltd' } },
  },
  { text: "it's Globex", askedFor: 'company', expect: { fields: { company: 'Globex' } } },
  {
    text: 'www.globex.com',
    askedFor: 'website',
    expect: { fields: { website: 'https://www.globex.com/' } },
  },
  { text: 'sam at globex dot com', askedFor: 'email', expect: { email: 'sam@globex.com' } },
  { text: '07911 123456', askedFor: 'phone', expect: { phone: '+447911123456' } },
  {
    text: '020 7123 4567',
    askedFor: 'office_phone',
    expect: { fields: { office_phone: '+442071234567' } },
  },
  // Harder shapes found while probing
  { text: "I'm Dr. Sarah Connor", expect: { name: 'Sarah Connor' } },
  {
    text: 'My wife and I want a quote, my number is 07911 123457',
    expect: { phone: '+447911123457' },
  },
  {
    text: 'My old number was 07911 123456, new one is 07912 345678',
    expect: { phone: '+447912345678' },
  },
  {
    text: 'my new number is 07912 345678, the old one was 07911 123456',
    expect: { phone: '+447912345678' },
  },
  {
    text: "my husband's is 07912 345678 and mine is 07911 123457",
    expect: { phone: '+447911123457' },
  },
  {
    text: "My email is sam@acme.com but my boss's email is boss@acme.com",
    expect: { email: 'sam@acme.com' },
  },
  { text: 'John Smith from Acme', askedFor: 'name', expect: { name: 'John Smith' } },
  {
    text: 'Sam Lee 07911 123457',
    askedFor: 'name',
    expect: { name: 'Sam Lee', phone: '+447911123457' },
  },
  {
    text: 'I work for Acme Corp',
    askedFor: 'company',
    expect: { fields: { company: 'Acme Corp' } },
  },
  { text: 'ciao sono Marco Rossi', country: 'IT', expect: { name: 'Marco Rossi' } },
  { text: 'ik ben Jan de Jong', country: 'NL', expect: { name: 'Jan de Jong' } },
  { text: 'Sam dot Lee at gmail dot com', expect: { email: 'sam.lee@gmail.com' } },
  {
    text: 'Contact: sam.lee@gmail.com / +44 7911 123457',
    expect: { email: 'sam.lee@gmail.com', phone: '+447911123457' },
  },
  { text: 'Can you call me back on 07911 123457 please?', expect: { phone: '+447911123457' } },
  { text: 'il mio numero è 312 345 6789', country: 'IT', expect: { phone: '+393123456789' } },
  { text: 'Kind regards, Dr. Amelia Watson', expect: { name: 'Amelia Watson' } },
  { text: 'I have a budget of about 5000', expect: { fields: { budget: 5000 } } },
  { text: 'Merci,\nClaire', country: 'FR', expect: { name: 'Claire' } },
  { text: 'Saludos, Juan Pérez', country: 'ES', expect: { name: 'Juan Pérez' } },
  { text: 'Viele Grüße\nJonas', country: 'DE', expect: { name: 'Jonas' } },
  { text: 'Groeten, Daan', country: 'NL', expect: { name: 'Daan' } },
  {
    text: "I'm Pedro, from Lisboa, tel 912 345 678",
    country: 'PT',
    expect: { name: 'Pedro', phone: '+351912345678' },
  },
  {
    text: 'Hi I’m Anna-Lena Schulz von Berg from Germany',
    country: 'DE',
    expect: { name: 'Anna-Lena Schulz von Berg' },
  },
  { text: 'her name is Jo and my name is Sam', expect: { name: 'Sam' } },
  { text: "My wife's name is Jo. I'm Sam.", expect: { name: 'Sam' } },
  {
    text: "My wife's number is 07912 345678. Mine is 07911 123457",
    expect: { phone: '+447911123457' },
  },
  {
    text: "my assistant's email: pa@acme.com, mine: sam@acme.com",
    expect: { email: 'sam@acme.com' },
  },
];

// ---------------------------------------------------------------------------------------------
// Traps: nothing may be captured from any of these.
// ---------------------------------------------------------------------------------------------
const TRAPS: Case[] = [
  // Placeholder and example addresses
  { text: 'e.g. john.doe@example.com', expect: NOTHING },
  { text: 'write to me: <jo_o@mail.example.io>!', expect: NOTHING },
  { text: 'should it look like name@email.com?', expect: NOTHING },
  { text: 'the form says you@yourcompany.com', expect: NOTHING },
  { text: 'test@test.com', expect: NOTHING },
  { text: 'something like user@domain.com', expect: NOTHING },
  { text: 'for example: jane@example.org', expect: NOTHING },
  { text: 'par exemple prenom.nom@exemple.fr', expect: NOTHING },
  { text: 'zum Beispiel max@beispiel.de', expect: NOTHING },
  { text: 'I got a mail from noreply@shop.com', expect: NOTHING },
  { text: 'my address is sam@localhost', expect: NOTHING },
  { text: 'sam@acme', expect: NOTHING },
  { text: 'sam@@acme.com', expect: NOTHING },
  // The business's own details quoted back
  { text: 'I emailed hello@brightdesk.co.uk yesterday', expect: NOTHING },
  { text: 'is support [at] brightdesk [dot] co [dot] uk still working?', expect: NOTHING },
  { text: 'I tried calling 020 7946 0018 but nobody answered', expect: NOTHING },
  { text: 'is +44 20 7946 0018 your number?', expect: NOTHING },
  { text: 'your number (415) 555-2671 goes to voicemail', country: 'US', expect: NOTHING },
  { text: 'what is your email, info@otherco.com?', expect: NOTHING },
  { text: 'is your office line 0161 496 0000?', expect: NOTHING },
  // Someone else's details
  { text: "my wife's number is 07911 123456", expect: NOTHING },
  { text: "my colleague's email is jo@acme.com", expect: NOTHING },
  { text: 'my boss, John Smith, will call', expect: NOTHING },
  { text: 'his email is dan@acme.com', expect: NOTHING },
  { text: 'her name is Olivia', expect: NOTHING },
  { text: 'call my husband on 07911 123456', expect: NOTHING },
  { text: 'you can reach my assistant at pa@acme.com', expect: NOTHING },
  { text: 'their phone is 0412 345 678', country: 'AU', expect: NOTHING },
  { text: 'email him at dave@acme.com', expect: NOTHING },
  { text: 'mi esposa: 612 345 678', country: 'ES', expect: NOTHING },
  { text: 'die Nummer meiner Frau ist 0151 23456789', country: 'DE', expect: NOTHING },
  { text: 'le numéro de ma femme est 06 12 34 56 78', country: 'FR', expect: NOTHING },
  { text: 'il numero di mia moglie è 312 345 6789', country: 'IT', expect: NOTHING },
  { text: 'het nummer van mijn vrouw is 06 12345678', country: 'NL', expect: NOTHING },
  { text: 'o email do meu chefe é carlos@empresa.com.br', country: 'BR', expect: NOTHING },
  { text: 'my friend is called Sarah', expect: NOTHING },
  { text: "my daughter's name is Emma", expect: NOTHING },
  // Order numbers, references, prices, postcodes, dates, quantities
  { text: 'order #123456789', expect: NOTHING },
  { text: 'order number 0123 456 789', expect: NOTHING },
  { text: 'my order number is 07911 123456', expect: NOTHING },
  { text: 'invoice no. 02079460019', expect: NOTHING },
  { text: 'ticket 4155550123 is still open', country: 'US', expect: NOTHING },
  { text: 'ref: 020 7123 4567', expect: NOTHING },
  { text: 'tracking number 9400 1000 0000 0000 0000 00', country: 'US', expect: NOTHING },
  { text: 'it costs $1,299.00', country: 'US', expect: NOTHING },
  { text: 'the price was £45', expect: NOTHING },
  { text: 'is it ₹ 98765 43210 for the year?', country: 'IN', expect: NOTHING },
  { text: 'my zip code is 90210', country: 'US', expect: NOTHING },
  { text: 'postcode SW1A 1AA', expect: NOTHING },
  { text: 'PLZ 10115 Berlin', country: 'DE', expect: NOTHING },
  { text: 'CEP 01310-100', country: 'BR', expect: NOTHING },
  { text: 'we need 5000 units by 12/03/2027', expect: NOTHING },
  { text: 'founded in 1998, 2500 employees', expect: NOTHING },
  { text: 'we have 12345678 records', country: 'DE', expect: NOTHING },
  { text: 'account number 12345678', country: 'GB', expect: NOTHING },
  { text: 'IBAN DE89 3704 0044 0532 0130 00', country: 'DE', expect: NOTHING },
  { text: 'my card ends 4111 1111 1111 1111', expect: NOTHING },
  { text: 'the meeting is on 12.03.2027', country: 'DE', expect: NOTHING },
  { text: 'opening hours 09:00-17:30', expect: NOTHING },
  // Phrases that look like names but are not
  { text: "I'm interested in your CRM", expect: NOTHING },
  { text: "I'm fine, thanks", expect: NOTHING },
  { text: "I'm looking for a quote", expect: NOTHING },
  { text: "I'm not sure yet", expect: NOTHING },
  { text: "I'm a doctor", expect: NOTHING },
  { text: "I'm from London", expect: NOTHING },
  { text: "I'm here to ask about pricing", expect: NOTHING },
  { text: 'I am Looking For Help', expect: NOTHING },
  { text: 'this is great', expect: NOTHING },
  { text: 'This is urgent!', expect: NOTHING },
  { text: "I'm John's assistant", expect: NOTHING },
  { text: 'thanks a lot', expect: NOTHING },
  { text: 'Thanks, that helps', expect: NOTHING },
  { text: 'je suis intéressé par votre offre', expect: NOTHING },
  { text: 'soy de Madrid', country: 'ES', expect: NOTHING },
  { text: 'ich bin interessiert', country: 'DE', expect: NOTHING },
  { text: 'sono interessato', country: 'IT', expect: NOTHING },
  { text: 'ik ben op zoek naar een CRM', country: 'NL', expect: NOTHING },
  { text: 'eu sou cliente', country: 'BR', expect: NOTHING },
  { text: 'why do you need that?', askedFor: 'name', expect: NOTHING },
  { text: 'no thanks', askedFor: 'name', expect: NOTHING },
  { text: "I'd rather not say", askedFor: 'company', expect: NOTHING },
  // Values nobody labelled or asked for
  { text: 'yes', expect: NOTHING },
  { text: '42', expect: NOTHING },
  { text: 'what does the Enterprise tier include?', expect: NOTHING },
  { text: 'what budget do people usually have?', expect: NOTHING },
  { text: 'is the Pro plan cheaper?', askedFor: 'company', expect: NOTHING },
  { text: 'my company is looking for a CRM', expect: NOTHING },
  { text: 'what is your company called?', askedFor: 'company', expect: NOTHING },
  { text: 'maybe', askedFor: 'newsletter', expect: NOTHING },
  { text: 'next friday', askedFor: 'start_date', expect: NOTHING },
  { text: '31/02/2027', askedFor: 'start_date', expect: NOTHING },
  { text: 'not sure', askedFor: 'budget', expect: NOTHING },
  { text: 'premium', askedFor: 'plan', expect: NOTHING },
  { text: 'hello', askedFor: 'phone', expect: NOTHING },
  // Harder traps found while probing
  { text: 'Thanks,\nAcme Support', expect: NOTHING },
  { text: 'Best,\nThe Acme team', expect: NOTHING },
  { text: 'Sent from my iPhone', expect: NOTHING },
  { text: "Please don't call 07911 123457 anymore", expect: NOTHING },
  { text: 'I already wrote to info@brightdesk.co.uk', expect: NOTHING },
  { text: 'I got an email from jo@acme.com', expect: NOTHING },
  { text: "I'm reaching out on behalf of my client, her email is amy@law.com", expect: NOTHING },
  { text: 'The Pro plan is too expensive for us', expect: NOTHING },
  { text: "I'm self employed", expect: NOTHING },
  { text: 'between 5 and 10k', askedFor: 'budget', expect: NOTHING },
  { text: 'my name is not important', expect: NOTHING },
  { text: "I'm 35 years old", expect: NOTHING },
  { text: "I'm Chinese", expect: NOTHING },
  { text: "I'm in sales", expect: NOTHING },
  { text: "I'm the CEO of Acme", expect: NOTHING },
  { text: 'I live at 221B Baker Street, London NW1 6XE', expect: NOTHING },
  { text: 'Flight BA 0117 at 10:30', expect: NOTHING },
  { text: 'ISBN 978-0-306-40615-7', expect: NOTHING },
  { text: 'order ID: 7911123457', expect: NOTHING },
  { text: 'I need 07911 123457 units', expect: NOTHING },
  { text: 'my VAT number is GB 123 4567 89', expect: NOTHING },
  { text: 'call 999', expect: NOTHING },
  { text: '£ 07911 123457', expect: NOTHING },
  { text: 'price: 07911123457', expect: NOTHING },
  { text: 'my email: sam at acme', expect: NOTHING },
  { text: "I'll be at acme dot com headquarters", expect: NOTHING },
  { text: 'ping me: @samlee on twitter', expect: NOTHING },
  { text: 'my ID number is 8001015009087', country: 'ZA', expect: NOTHING },
  { text: 'postcode 2000', country: 'AU', expect: NOTHING },
  { text: 'my pincode is 560001', country: 'IN', expect: NOTHING },
  { text: 'CPF 123.456.789-09', country: 'BR', expect: NOTHING },
  { text: '注文番号は0312345678です', country: 'JP', expect: NOTHING },
  { text: 'Kundennummer 0301234567', country: 'DE', expect: NOTHING },
  { text: 'Bestellnummer: 030 901820', country: 'DE', expect: NOTHING },
  { text: 'numéro de commande 0612345678', country: 'FR', expect: NOTHING },
  { text: 'número de pedido 612345678', country: 'ES', expect: NOTHING },
  { text: 'ordine n. 3123456789', country: 'IT', expect: NOTHING },
  { text: 'Thanks Sam, that’s helpful', expect: NOTHING },
  { text: 'Hello there, Bob from accounting told me to reach out', expect: NOTHING },
  { text: 'Please ask John to call me', expect: NOTHING },
  { text: "I'm John's wife", expect: NOTHING },
  { text: 'Our plan is to launch in March', expect: NOTHING },
  { text: 'My website is down', expect: NOTHING },
  { text: 'Can you send it to my email?', expect: NOTHING },
  { text: 'Sincerely, a happy customer', expect: NOTHING },
  { text: 'Thanks, Team!', expect: NOTHING },
  { text: "I'm Brazilian and live in São Paulo", country: 'BR', expect: NOTHING },
  { text: 'the budget of the project is unknown', expect: NOTHING },
  { text: 'Is 12 March 2027 available?', expect: NOTHING },
  { text: 'my colleague Sam Lee (sam@acme.com) will join', expect: NOTHING },
  { text: 'cc: jo@acme.com', expect: NOTHING },
  { text: 'my boss is called Tom', expect: NOTHING },
];

const CORRECTIONS: Case[] = [
  {
    text: "sorry, it's .org",
    known: { email: 'sam@acme.com', fields: {} },
    expect: { email: 'sam@acme.org' },
  },
  {
    text: 'actually it’s sam@acme.org',
    known: { email: 'sam@acme.com', fields: {} },
    expect: { email: 'sam@acme.org' },
  },
  {
    text: 'typo: @gmail.com',
    known: { email: 'sam@gmial.com', fields: {} },
    expect: { email: 'sam@gmail.com' },
  },
  {
    text: 'oops, .co.uk not .com',
    known: { email: 'sam@acme.com', fields: {} },
    expect: { email: 'sam@acme.co.uk' },
  },
  {
    text: 'I meant 07911 123457',
    known: { phone: '+447911123456', fields: {} },
    expect: { phone: '+447911123457' },
  },
  { text: 'not 07911 123456 but 07912 345678', expect: { phone: '+447912345678' } },
  {
    text: "sorry, it's Samantha",
    known: { name: 'Sam', fields: {} },
    expect: { name: 'Samantha' },
  },
  {
    text: 'correction: budget: 7500',
    known: { fields: { budget: 5000 } },
    expect: { fields: { budget: 7500 } },
  },
  { text: 'sorry, it is fine', known: { name: 'Sam', fields: {} }, expect: NOTHING },
  { text: "sorry, it's .org", expect: NOTHING },
];

function run(c: Case): Extracted {
  return extractDetails(
    c.text,
    context({
      defaultCountry: c.country ?? 'GB',
      askedFor: c.askedFor ?? null,
      ...(c.known ? { known: c.known } : {}),
    }),
  );
}

function expected(e: Expected): Extracted {
  return { ...e, fields: e.fields ?? {} };
}

describe('extractDetails: the visitor’s own details', () => {
  it.each(CAPTURES.map((c) => [c.text, c] as const))('%s', (_text, c) => {
    expect(run(c)).toEqual(expected(c.expect));
  });
});

describe('extractDetails: traps capture nothing', () => {
  it.each(TRAPS.map((c) => [c.text, c] as const))('%s', (_text, c) => {
    expect(run(c)).toEqual({ fields: {} });
  });
});

describe('extractDetails: corrections', () => {
  it.each(CORRECTIONS.map((c) => [c.text, c] as const))('%s', (_text, c) => {
    expect(run(c)).toEqual(expected(c.expect));
  });
});

describe('extraction table', () => {
  it('has at least 150 cases, a third of them traps', () => {
    const total = CAPTURES.length + TRAPS.length + CORRECTIONS.length;
    const traps =
      TRAPS.length + CORRECTIONS.filter((c) => Object.keys(c.expect).length === 0).length;
    expect(total).toBeGreaterThanOrEqual(150);
    expect(traps * 3).toBeGreaterThanOrEqual(total);
  });
});

describe('businessContactsFrom', () => {
  it('finds the business’s own addresses and numbers in its instructions and welcome message', () => {
    const found = businessContactsFrom(
      [
        'You are the assistant of Brightdesk. Our support address is Support@Brightdesk.co.uk and sales [at] brightdesk [dot] co [dot] uk.',
        'Welcome! Call us on 020 7946 0018 or +1 (415) 555-2671.',
      ],
      'GB',
    );
    expect(found.emails).toEqual(['support@brightdesk.co.uk', 'sales@brightdesk.co.uk']);
    expect(found.phones).toEqual(['+442079460018', '+14155552671']);
  });

  it('makes those details traps once passed in the context', () => {
    const business = businessContactsFrom(['Reach us at team@shop.de or 030 901820'], 'DE');
    const ctx = context({
      defaultCountry: 'DE',
      businessEmails: business.emails,
      businessPhones: business.phones,
    });
    expect(extractDetails('ich habe team@shop.de und 030 901820 probiert', ctx)).toEqual({
      fields: {},
    });
    expect(extractDetails('meine: anna@privat.de, 030 901821', ctx)).toEqual({
      email: 'anna@privat.de',
      phone: '+4930901821',
      fields: {},
    });
  });
});

describe('limits', () => {
  it('stays fast: well under 1 ms per typical message', () => {
    const typical = [
      'Hi',
      'Hello, do you ship to Spain?',
      "I'm Sam Lee, my email is sam@acme.com",
      'my number is 07911 123456',
      "I'm interested in the Pro plan, what does it cost?",
      'order #123456789 has not arrived',
      'Thanks, that helps!',
      'sorry, my company is Acme Ltd and our budget is 5k',
    ];
    const ctx = context();
    for (const text of typical) extractDetails(text, ctx); // warm-up: regexes and phone metadata
    // The best of several rounds, so another process on a shared machine does not decide the result.
    let best = Infinity;
    for (let round = 0; round < 7; round++) {
      const started = performance.now();
      for (let i = 0; i < 20; i++) for (const text of typical) extractDetails(text, ctx);
      best = Math.min(best, (performance.now() - started) / (20 * typical.length));
    }
    expect(best).toBeLessThan(1);
  });

  it('does not blow up on hostile input (long runs of the characters the patterns look for)', () => {
    const hostile = [
      'a'.repeat(4000),
      `thanks${' '.repeat(3990)}x`,
      `${' '.repeat(3990)}Sam here!`,
      `budget${' is'.repeat(1300)}`,
      `${'a. '.repeat(1333)}07911 123457`,
      `${'a.'.repeat(2000)}@`,
      'sam at '.repeat(600),
      ' dot '.repeat(800),
      '1 '.repeat(2000),
      `my name is ${'Sam '.repeat(1000)}`,
      `${'-'.repeat(3000)}x`,
      'x@'.repeat(2000),
      `budget: ${'5,'.repeat(2000)}`,
      "I'm ".repeat(1000),
    ];
    for (const text of hostile) {
      const started = performance.now();
      extractDetails(text, context({ askedFor: 'company' }));
      expect(performance.now() - started).toBeLessThan(500);
    }
  });

  it('caps free text at 500 characters and reads only the first 4000', () => {
    const long = 'word '.repeat(300);
    const result = extractDetails(long, context({ askedFor: 'notes' }));
    expect(typeof result.fields.notes).toBe('string');
    expect(String(result.fields.notes).length).toBe(500);
    const buried = `${'x '.repeat(2100)} my email is sam@acme.com`;
    expect(extractDetails(buried, context())).toEqual({ fields: {} });
  });
});
