import { describe, expect, it } from 'vitest';
import { splitLinks } from './split-links';

describe('splitLinks', () => {
  it('turns URLs into link parts and keeps the rest as text', () => {
    expect(splitLinks('Join: https://crm.test/accept-invitation?token=abc. Thanks')).toEqual([
      { kind: 'text', value: 'Join: ' },
      { kind: 'link', value: 'https://crm.test/accept-invitation?token=abc' },
      { kind: 'text', value: '. Thanks' },
    ]);
  });

  it('keeps markup as text rather than links', () => {
    expect(splitLinks('<a href="javascript:alert(1)">x</a>')).toEqual([
      { kind: 'text', value: '<a href="javascript:alert(1)">x</a>' },
    ]);
  });

  it('returns no parts for empty text', () => {
    expect(splitLinks('')).toEqual([]);
  });
});
