import type { AutomationSettings, Member } from '@agent-crm/contracts';
import { describe, expect, it } from 'vitest';
import {
  checkSettings,
  customizeMethod,
  effectiveRule,
  messagesAt,
  methodsWithProblems,
  movePoolMember,
  normalizeSettings,
  sameSettings,
  setStartingStage,
  setStartingStatus,
  strategyOptions,
  takenByOtherSlot,
  unplacedMessages,
  withStrategy,
  type CheckContext,
} from './rules';

const OWNER = '00000000-0000-4000-8000-000000000001';
const ALICE = '00000000-0000-4000-8000-000000000002';
const BOB = '00000000-0000-4000-8000-000000000003';
const UMA = '00000000-0000-4000-8000-000000000004';
const GONE = '00000000-0000-4000-8000-000000000009';

function member(id: string, name: string, email: string, role: Member['role']): Member {
  return { id, name, email, role, joinedAt: '2026-01-01T00:00:00.000Z' };
}

const members: Member[] = [
  member(OWNER, 'Olga Owner', 'olga@example.com', 'owner'),
  member(ALICE, 'Alice Admin', 'alice@example.com', 'admin'),
  member(BOB, '', 'bob@example.com', 'admin'),
  member(UMA, 'Uma User', 'uma@example.com', 'user'),
];

const ctx: CheckContext = {
  members,
  accessIds: [],
  orgOwnerId: OWNER,
  stages: ['Lead', 'Prospect', 'Customer'],
  statuses: ['New', 'Contacted'],
};

function defaults(): AutomationSettings {
  return {
    assignment: {
      manual: { primary: { strategy: 'org_owner' }, secondary: null },
      captured: { primary: { strategy: 'org_owner' }, secondary: null },
    },
    startingStage: { manual: 'Lead', captured: 'Lead' },
  };
}

function withManual(rule: AutomationSettings['assignment']['manual']): AutomationSettings {
  const settings = defaults();
  settings.assignment.manual = rule;
  return settings;
}

describe('normalizeSettings and sameSettings', () => {
  it('drops values the strategy does not use and treats a "none" secondary as no secondary', () => {
    const settings = withManual({
      primary: { strategy: 'org_owner', memberId: ALICE, pool: [ALICE, BOB] },
      secondary: { strategy: 'none' },
    });
    expect(normalizeSettings(settings).assignment.manual).toEqual({
      primary: { strategy: 'org_owner' },
      secondary: null,
    });
    expect(sameSettings(settings, defaults())).toBe(true);
  });

  it('sees a changed pool order, stage or status as a change', () => {
    const a = withManual({
      primary: { strategy: 'round_robin', pool: [ALICE, BOB] },
      secondary: null,
    });
    const b = withManual({
      primary: { strategy: 'round_robin', pool: [BOB, ALICE] },
      secondary: null,
    });
    expect(sameSettings(a, b)).toBe(false);
    expect(sameSettings(a, setStartingStage(a, 'manual', 'Prospect'))).toBe(false);
    expect(sameSettings(a, setStartingStatus(a, 'captured', 'Contacted'))).toBe(false);
  });

  it('ignores key order and an empty status map', () => {
    const a = { ...defaults(), startingStatus: {} };
    const b: AutomationSettings = {
      startingStage: { captured: 'Lead', manual: 'Lead' },
      assignment: {
        captured: defaults().assignment.captured,
        manual: defaults().assignment.manual,
      },
    };
    expect(sameSettings(a, b)).toBe(true);
    expect(normalizeSettings(a)).not.toHaveProperty('startingStatus');
  });
});

describe('editing', () => {
  it('gives an optional method a copy of the captured rule, and takes it away again', () => {
    const captured = defaults();
    captured.assignment.captured = {
      primary: { strategy: 'member', memberId: BOB },
      secondary: null,
    };
    expect(effectiveRule(captured, 'form')).toBe(captured.assignment.captured);
    const custom = customizeMethod(captured, 'form', true);
    expect(custom.assignment.form).toEqual(captured.assignment.captured);
    expect(custom.assignment.form).not.toBe(captured.assignment.captured);
    expect(customizeMethod(custom, 'form', false).assignment).not.toHaveProperty('form');
  });

  it('clears an optional stage and any status, but never the manual or captured stage', () => {
    const settings = setStartingStatus(
      setStartingStage(defaults(), 'form', 'Customer'),
      'form',
      'New',
    );
    expect(settings.startingStage.form).toBe('Customer');
    expect(settings.startingStatus).toEqual({ form: 'New' });
    expect(setStartingStage(settings, 'form', null).startingStage).not.toHaveProperty('form');
    expect(setStartingStage(settings, 'manual', null).startingStage.manual).toBe('Lead');
    expect(setStartingStatus(settings, 'form', null)).not.toHaveProperty('startingStatus');
  });

  it('keeps a chosen member or pool when switching strategy only where it applies', () => {
    expect(withStrategy({ strategy: 'member', memberId: ALICE }, 'member')).toEqual({
      strategy: 'member',
      memberId: ALICE,
    });
    expect(withStrategy({ strategy: 'org_owner' }, 'round_robin')).toEqual({
      strategy: 'round_robin',
      pool: [],
    });
    expect(withStrategy({ strategy: 'round_robin', pool: [ALICE, BOB] }, 'none')).toEqual({
      strategy: 'none',
    });
  });

  it('moves pool members and ignores moves off either end', () => {
    expect(movePoolMember([ALICE, BOB, UMA], 2, 0)).toEqual([UMA, ALICE, BOB]);
    expect(movePoolMember([ALICE, BOB], 0, 1)).toEqual([BOB, ALICE]);
    expect(movePoolMember([ALICE, BOB], 0, -1)).toEqual([ALICE, BOB]);
    expect(movePoolMember([ALICE, BOB], 1, 2)).toEqual([ALICE, BOB]);
  });
});

describe('what a slot offers', () => {
  it('offers the creator only for manually created contacts, and "none" only as primary', () => {
    const rule = defaults().assignment.manual;
    const values = (method: 'manual' | 'captured', slot: 'primary' | 'secondary') =>
      strategyOptions(method, slot, rule, OWNER).map((option) => option.value);
    expect(values('manual', 'primary')).toEqual([
      'creator',
      'org_owner',
      'member',
      'round_robin',
      'none',
    ]);
    expect(values('captured', 'primary')).toEqual(['org_owner', 'member', 'round_robin', 'none']);
    expect(values('captured', 'secondary')).toEqual(['org_owner', 'member', 'round_robin']);
  });

  it('greys out the organization owner when the other slot could already pick them', () => {
    const ownerPrimary = { primary: { strategy: 'org_owner' as const }, secondary: null };
    const option = strategyOptions('manual', 'secondary', ownerPrimary, OWNER).find(
      (item) => item.value === 'org_owner',
    );
    expect(option?.disabledReason).toMatch(/already the primary owner/);

    const ownerInPool = {
      primary: { strategy: 'round_robin' as const, pool: [ALICE, OWNER] },
      secondary: null,
    };
    expect(
      strategyOptions('manual', 'secondary', ownerInPool, OWNER).find(
        (item) => item.value === 'org_owner',
      )?.disabledReason,
    ).not.toBeNull();
    expect(
      strategyOptions('manual', 'secondary', ownerInPool, OWNER).find(
        (item) => item.value === 'member',
      )?.disabledReason,
    ).toBeNull();
  });

  it('lists the members the other slot uses, including the owner behind "Organization owner"', () => {
    const rule = {
      primary: { strategy: 'round_robin' as const, pool: [ALICE, BOB] },
      secondary: { strategy: 'org_owner' as const },
    };
    expect([...takenByOtherSlot(rule, 'secondary', OWNER)]).toEqual([ALICE, BOB]);
    expect([...takenByOtherSlot(rule, 'primary', OWNER)]).toEqual([OWNER]);
    expect([...takenByOtherSlot({ ...rule, secondary: null }, 'primary', OWNER)]).toEqual([]);
  });
});

describe('checkSettings mirrors the server', () => {
  const cases: [string, AutomationSettings, string[]][] = [
    [
      'a pool of one',
      withManual({ primary: { strategy: 'round_robin', pool: [ALICE] }, secondary: null }),
      ['assignment.manual.primary.pool'],
    ],
    [
      'the same member twice in a pool',
      withManual({ primary: { strategy: 'round_robin', pool: [ALICE, ALICE] }, secondary: null }),
      ['assignment.manual.primary.pool'],
    ],
    [
      'no member chosen',
      withManual({ primary: { strategy: 'member' }, secondary: null }),
      ['assignment.manual.primary.memberId'],
    ],
    [
      'a User without access, in a pool',
      withManual({ primary: { strategy: 'round_robin', pool: [ALICE, UMA] }, secondary: null }),
      ['assignment.manual.primary.pool.1'],
    ],
    [
      'a former member',
      withManual({ primary: { strategy: 'member', memberId: GONE }, secondary: null }),
      ['assignment.manual.primary.memberId'],
    ],
    [
      'a member in both slots',
      withManual({
        primary: { strategy: 'round_robin', pool: [ALICE, BOB] },
        secondary: { strategy: 'member', memberId: BOB },
      }),
      ['assignment.manual.secondary'],
    ],
    [
      'the organization owner in both slots',
      withManual({ primary: { strategy: 'org_owner' }, secondary: { strategy: 'org_owner' } }),
      ['assignment.manual.secondary'],
    ],
    [
      'the owner by name in one slot and as "Organization owner" in the other',
      withManual({
        primary: { strategy: 'member', memberId: OWNER },
        secondary: { strategy: 'org_owner' },
      }),
      ['assignment.manual.secondary'],
    ],
    [
      'the creator for captured contacts',
      {
        ...defaults(),
        assignment: {
          ...defaults().assignment,
          captured: { primary: { strategy: 'creator' }, secondary: null },
        },
      },
      ['assignment.captured.primary.strategy'],
    ],
    [
      'an unknown stage and status',
      {
        ...defaults(),
        startingStage: { manual: 'Lead', captured: 'Won' },
        startingStatus: { form: 'Lost' },
      },
      ['startingStage.captured', 'startingStatus.form'],
    ],
  ];

  it.each(cases)('reports %s at the server’s path', (_name, settings, paths) => {
    expect(checkSettings(settings, ctx).map((detail) => detail.path)).toEqual(paths);
  });

  it('accepts a valid rule set, stage names in any case, and a User with access', () => {
    const settings = withManual({
      primary: { strategy: 'round_robin', pool: [ALICE, UMA] },
      secondary: { strategy: 'member', memberId: BOB },
    });
    settings.startingStage.manual = 'prospect';
    expect(checkSettings(settings, { ...ctx, accessIds: [UMA] })).toEqual([]);
    // A viewer who cannot read the access list rules nobody out for it.
    expect(checkSettings(settings, { ...ctx, accessIds: null })).toEqual([]);
  });

  it('names the member in a pool problem', () => {
    const settings = withManual({
      primary: { strategy: 'round_robin', pool: [ALICE, UMA] },
      secondary: null,
    });
    expect(checkSettings(settings, ctx)[0]?.message).toBe(
      'Uma User is a User without access to this agent',
    );
  });
});

describe('placing server errors', () => {
  const details = [
    { path: 'assignment.form.primary.pool.0', message: 'This person is a User without access' },
    { path: 'body.startingStage.manual', message: 'There is no stage named "X"' },
    { path: 'assignment', message: 'Something about the whole document' },
  ];

  it('finds a slot’s messages, its children’s included, with or without the body prefix', () => {
    expect(messagesAt(details, 'assignment.form.primary')).toEqual([
      'This person is a User without access',
    ]);
    expect(messagesAt(details, 'assignment.form.secondary')).toEqual([]);
    expect(messagesAt(details, 'startingStage.manual')).toEqual(['There is no stage named "X"']);
  });

  it('points at the methods with problems and keeps the rest for above the editor', () => {
    expect([...methodsWithProblems(details)].sort()).toEqual(['form', 'manual']);
    expect(unplacedMessages(details)).toEqual(['Something about the whole document']);
  });
});
