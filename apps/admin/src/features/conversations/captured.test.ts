import { describe, expect, it } from 'vitest';
import { ownerOfKey } from './api/conversations';
import { capturedLabels } from './captured';

const ID = '01a20e6f-333a-77c7-b58e-135ffd1c3f18';

describe('capturedLabels', () => {
  it('lists the standard details, then custom fields, as the transcript badges read', () => {
    expect(
      capturedLabels({
        captured: {
          name: 'Dana Scully',
          email: 'dana@fbi.gov',
          fields: { budget: 1200, services: ['Cleaning', 'Whitening'] },
        },
      }),
    ).toEqual([
      'name: Dana Scully',
      'email: dana@fbi.gov',
      'budget: 1200',
      'services: Cleaning, Whitening',
    ]);
  });

  it('shows nothing for a message that captured nothing or a malformed meta', () => {
    expect(capturedLabels({})).toEqual([]);
    expect(capturedLabels({ captured: 'dana@fbi.gov' })).toEqual([]);
    expect(capturedLabels({ assistant: 'rule-based' })).toEqual([]);
  });
});

describe('ownerOfKey', () => {
  it("reads a people row's key as whose conversations to list", () => {
    expect(ownerOfKey(`contact:${ID}`)).toEqual({ contactId: ID });
    expect(ownerOfKey(`visitor:${ID}`)).toEqual({ visitorId: ID });
  });

  it('ignores anything else (a hand-edited URL)', () => {
    expect(ownerOfKey(null)).toBeNull();
    expect(ownerOfKey('contact:not-an-id')).toBeNull();
    expect(ownerOfKey(`organization:${ID}`)).toBeNull();
  });
});
