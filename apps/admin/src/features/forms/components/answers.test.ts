import { describe, expect, it } from 'vitest';
import { formatAnswer } from './answers';

describe('formatAnswer', () => {
  it.each([
    [undefined, '—'],
    ['', '—'],
    [true, 'Yes'],
    [false, 'No'],
    [12.5, '12.5'],
    [['A', 'C'], 'A, C'],
    [
      [
        {
          fileId: '0190d3c1-7b1e-7000-8000-000000000001',
          fileName: 'scan.png',
          size: 10,
          contentType: 'image/png',
        },
      ],
      'scan.png',
    ],
  ])('%j → %s', (value, expected) => {
    expect(formatAnswer(value)).toBe(expected);
  });
});
