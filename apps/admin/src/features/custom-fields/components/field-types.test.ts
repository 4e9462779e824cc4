import { FieldKeySchema } from '@agent-crm/contracts';
import { describe, expect, it } from 'vitest';
import { suggestKey } from './field-types';

describe('suggestKey', () => {
  it.each([
    ['Company size', 'company_size'],
    ['  Été / Saison  ', 'ete_saison'],
    ['2nd phone', 'f_2nd_phone'],
    ['Email', 'email_field'],
    ['!!!', ''],
  ])('turns %j into %j', (label, key) => {
    expect(suggestKey(label)).toBe(key);
  });

  it('always suggests a key the contracts accept', () => {
    for (const label of ['A very long label that goes on and on and on for more than fifty', 'x']) {
      expect(FieldKeySchema.safeParse(suggestKey(label)).success).toBe(true);
    }
  });
});
