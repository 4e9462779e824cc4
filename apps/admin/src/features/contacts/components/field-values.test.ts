import type { CustomField } from '@agent-crm/contracts';
import { describe, expect, it } from 'vitest';
import { changedFieldValues, initialFieldValues, requiredFieldErrors } from './field-values';

function field(key: string, type: CustomField['type'], required = false): CustomField {
  return {
    id: '00000000-0000-4000-8000-000000000000',
    key,
    label: key,
    type,
    options: [],
    required,
    allowForAi: false,
    helpText: null,
    position: 0,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

const fields = [
  field('company', 'text'),
  field('seats', 'number'),
  field('vip', 'boolean'),
  field('tags', 'multi_select'),
  field('renewal', 'date', true),
];

describe('changedFieldValues', () => {
  it('sends nothing when the inputs still hold the stored values', () => {
    const stored = { company: 'Acme', seats: 3, tags: ['a'] };
    expect(changedFieldValues(fields, stored, initialFieldValues(fields, stored))).toEqual({});
  });

  it('sends only what changed, with cleared inputs as null and numbers as numbers', () => {
    const stored = { company: 'Acme', seats: 3, vip: true };
    const edited = { ...initialFieldValues(fields, stored), company: '', seats: '5', vip: false };
    expect(changedFieldValues(fields, stored, edited)).toEqual({
      company: null,
      seats: 5,
      vip: false,
    });
  });
});

describe('requiredFieldErrors', () => {
  it('names the required fields left empty by their form path', () => {
    expect(requiredFieldErrors(fields, initialFieldValues(fields))).toEqual({
      'fields.renewal': 'Required',
    });
  });
});
