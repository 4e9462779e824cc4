import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizePhone } from './normalize';

describe('normalizeEmail', () => {
  it.each([
    ['  Ada@Example.COM ', 'ada@example.com'],
    ['first.last+tag@sub.example.co.uk', 'first.last+tag@sub.example.co.uk'],
    ['UPPER@EXAMPLE.ORG', 'upper@example.org'],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeEmail(raw)).toBe(expected);
  });
  it.each(['', 'plain', 'a@', '@example.com', 'a b@example.com', 'a@@example.com'])(
    'refuses %j',
    (raw) => {
      expect(normalizeEmail(raw)).toBeNull();
    },
  );
});

describe('normalizePhone', () => {
  // National formats in each agent's default country, and international forms anywhere.
  it.each([
    ['GB', '07911 123456', '+447911123456'],
    ['GB', '+44 7911 123456', '+447911123456'],
    ['GB', '0044 7911 123456', '+447911123456'],
    ['US', '(415) 555-2671', '+14155552671'],
    ['US', '415.555.2671', '+14155552671'],
    ['DE', '030 123456789', '+4930123456789'],
    ['FR', '06 12 34 56 78', '+33612345678'],
    ['ES', '612 34 56 78', '+34612345678'],
    ['IT', '312 345 6789', '+393123456789'],
    ['NL', '06-12345678', '+31612345678'],
    ['IN', '098765 43210', '+919876543210'],
    ['AU', '0412 345 678', '+61412345678'],
    ['BR', '(11) 91234-5678', '+5511912345678'],
    ['JP', '090-1234-5678', '+819012345678'],
    ['ZA', '071 123 4567', '+27711234567'],
    ['MX', '55 1234 5678', '+525512345678'],
    ['US', '+44 7911 123456', '+447911123456'],
  ])('%s: %j → %j', (country, raw, expected) => {
    expect(normalizePhone(raw, country)).toBe(expected);
  });
  it.each([
    ['GB', '12'],
    ['US', '555-0000'],
    ['GB', 'call me'],
    ['US', '+1 000 000 0000'],
    ['DE', ''],
  ])('%s refuses %j', (country, raw) => {
    expect(normalizePhone(raw, country)).toBeNull();
  });
});
