import type { Activity } from '@agent-crm/contracts';
import { describe, expect, it } from 'vitest';
import { describeActivity } from './activity-tab';
import type { CrmVocabulary } from './vocabulary';

const ALICE = '00000000-0000-4000-8000-000000000002';
const BOB = '00000000-0000-4000-8000-000000000003';

const vocabulary: CrmVocabulary = {
  stages: ['Lead', 'Prospect'],
  statuses: ['New'],
  fields: [],
  members: [
    {
      id: ALICE,
      name: 'Alice Admin',
      email: 'alice@example.com',
      role: 'admin',
      joinedAt: '2026-01-01T00:00:00.000Z',
    },
  ],
};

function entry(
  kind: string,
  field: string,
  to: unknown,
  actor: Activity['actor'] = { kind: 'automation' },
): Activity {
  return {
    id: '00000000-0000-4000-8000-0000000000aa',
    kind,
    field,
    to,
    actor,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('describeActivity for the contact-created automation', () => {
  it.each([
    [entry('owner_assigned', 'ownerId', ALICE), 'Automation assigned owner Alice Admin'],
    [
      entry('owner_assigned', 'secondaryOwnerId', ALICE),
      'Automation assigned secondary owner Alice Admin',
    ],
    [entry('owner_assigned', 'ownerId', BOB), 'Automation assigned owner Former member'],
    [entry('stage_set', 'stage', 'Prospect'), 'Automation set stage Prospect'],
    [entry('status_set', 'status', 'New'), 'Automation set status New'],
    [
      entry('owner_assigned', 'ownerId', ALICE, { kind: 'member', id: ALICE }),
      'Alice Admin assigned owner Alice Admin',
    ],
    [entry('stage_set', 'stage', 'Lead', { kind: 'api' }), 'The API set stage Lead'],
  ])('%#: %s', (activity, sentence) => {
    expect(describeActivity(activity, vocabulary)).toBe(sentence);
  });
});
