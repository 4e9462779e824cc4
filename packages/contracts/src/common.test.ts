import { describe, expect, it } from 'vitest';
import { EmailSchema, PageQuerySchema } from './common';

describe('EmailSchema', () => {
  it.each([
    ['Ada@Example.COM', 'ada@example.com'],
    ['  bob@example.org ', 'bob@example.org'],
    ['x.y+tag@sub.example.co.uk', 'x.y+tag@sub.example.co.uk'],
  ])('normalizes %j to %j', (input, expected) => {
    expect(EmailSchema.parse(input)).toBe(expected);
  });

  it.each(['', 'no-at-sign', 'a@', '@b.com', 'a b@c.com', `${'a'.repeat(250)}@b.com`])(
    'refuses %j',
    (input) => {
      expect(EmailSchema.safeParse(input).success).toBe(false);
    },
  );
});

describe('PageQuerySchema', () => {
  it('defaults the limit to 50 and bounds it to 1–200', () => {
    expect(PageQuerySchema.parse({}).limit).toBe(50);
    expect(PageQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
    expect(PageQuerySchema.safeParse({ limit: '201' }).success).toBe(false);
    expect(PageQuerySchema.parse({ limit: '200' }).limit).toBe(200);
  });
});
