import type {
  AssignmentRule,
  AssignmentSlot,
  AssignmentStrategy,
  AutomationSettings,
  CreationMethod,
  ErrorDetail,
  Member,
} from '@agent-crm/contracts';

/**
 * The pure rules of the automations screen: what the editor offers, what it greys out, and the
 * checks the server makes, mirrored so people rarely meet them as a failed save.
 */

export type SlotName = 'primary' | 'secondary';

/** Methods that follow the captured rule unless given their own. */
export const OPTIONAL_METHODS = ['form', 'import', 'api', 'payment'] as const;
export type OptionalMethod = (typeof OPTIONAL_METHODS)[number];

export const METHODS: CreationMethod[] = ['manual', 'captured', ...OPTIONAL_METHODS];

export const METHOD_LABELS: Record<CreationMethod, string> = {
  manual: 'Manually created',
  captured: 'Captured by the agent',
  form: 'Form',
  import: 'Import',
  api: 'API',
  payment: 'Payment',
};

export const STRATEGY_LABELS: Record<AssignmentStrategy, string> = {
  creator: 'Creator of the contact',
  org_owner: 'Organization owner',
  member: 'Selected member',
  round_robin: 'Round robin',
  none: 'None',
};

export const SLOT_LABELS: Record<SlotName, string> = {
  primary: 'Primary owner',
  secondary: 'Secondary owner',
};

export function isOptionalMethod(method: CreationMethod): method is OptionalMethod {
  return (OPTIONAL_METHODS as readonly string[]).includes(method);
}

// Shape -------------------------------------------------------------------------------------------

/** A slot with only what its strategy uses, so equal settings compare equal. */
function cleanSlot(slot: AssignmentSlot): AssignmentSlot {
  switch (slot.strategy) {
    case 'member':
      return slot.memberId
        ? { strategy: 'member', memberId: slot.memberId }
        : { strategy: 'member' };
    case 'round_robin':
      return { strategy: 'round_robin', pool: [...(slot.pool ?? [])] };
    case 'creator':
    case 'org_owner':
    case 'none':
      return { strategy: slot.strategy };
  }
}

/** "None" in the secondary slot means the same as no secondary slot; the editor shows one way. */
function cleanRule(rule: AssignmentRule): AssignmentRule {
  const secondary =
    rule.secondary && rule.secondary.strategy !== 'none' ? cleanSlot(rule.secondary) : null;
  return { primary: cleanSlot(rule.primary), secondary };
}

/**
 * The settings in one canonical form (fixed key order, unused slot values dropped): what the
 * editor starts from, what it saves, and what "unsaved changes" compares.
 */
export function normalizeSettings(settings: AutomationSettings): AutomationSettings {
  const assignment: AutomationSettings['assignment'] = {
    manual: cleanRule(settings.assignment.manual),
    captured: cleanRule(settings.assignment.captured),
  };
  const startingStage: AutomationSettings['startingStage'] = {
    manual: settings.startingStage.manual,
    captured: settings.startingStage.captured,
  };
  const startingStatus: NonNullable<AutomationSettings['startingStatus']> = {};
  for (const method of METHODS) {
    if (isOptionalMethod(method)) {
      const rule = settings.assignment[method];
      if (rule) assignment[method] = cleanRule(rule);
      const stage = settings.startingStage[method];
      if (stage) startingStage[method] = stage;
    }
    const status = settings.startingStatus?.[method];
    if (status) startingStatus[method] = status;
  }
  return {
    assignment,
    startingStage,
    ...(Object.keys(startingStatus).length > 0 ? { startingStatus } : {}),
  };
}

export function sameSettings(a: AutomationSettings, b: AutomationSettings): boolean {
  return JSON.stringify(normalizeSettings(a)) === JSON.stringify(normalizeSettings(b));
}

/** The rule a method uses: its own, or the captured one. */
export function effectiveRule(
  settings: AutomationSettings,
  method: CreationMethod,
): AssignmentRule {
  return settings.assignment[method] ?? settings.assignment.captured;
}

export function setRule(
  settings: AutomationSettings,
  method: CreationMethod,
  rule: AssignmentRule,
): AutomationSettings {
  return { ...settings, assignment: { ...settings.assignment, [method]: rule } };
}

/** Gives an optional method its own rule (starting as a copy of the captured one), or takes it away. */
export function customizeMethod(
  settings: AutomationSettings,
  method: OptionalMethod,
  isCustom: boolean,
): AutomationSettings {
  const assignment = { ...settings.assignment };
  if (isCustom) assignment[method] = structuredClone(settings.assignment.captured);
  else Reflect.deleteProperty(assignment, method);
  return { ...settings, assignment };
}

export function setStartingStage(
  settings: AutomationSettings,
  method: CreationMethod,
  stage: string | null,
): AutomationSettings {
  const startingStage = { ...settings.startingStage };
  if (stage) startingStage[method] = stage;
  else if (isOptionalMethod(method)) Reflect.deleteProperty(startingStage, method);
  return { ...settings, startingStage };
}

export function setStartingStatus(
  settings: AutomationSettings,
  method: CreationMethod,
  status: string | null,
): AutomationSettings {
  const startingStatus = { ...settings.startingStatus };
  if (status) startingStatus[method] = status;
  else Reflect.deleteProperty(startingStatus, method);
  const { startingStatus: _previous, ...rest } = settings;
  return Object.keys(startingStatus).length > 0 ? { ...rest, startingStatus } : rest;
}

/** A slot switched to another strategy starts empty, except a pool kept for round robin. */
export function withStrategy(slot: AssignmentSlot, strategy: AssignmentStrategy): AssignmentSlot {
  if (strategy === 'round_robin') return { strategy, pool: slot.pool ?? [] };
  if (strategy === 'member') {
    return slot.memberId ? { strategy, memberId: slot.memberId } : { strategy };
  }
  return { strategy };
}

export function movePoolMember(pool: string[], from: number, to: number): string[] {
  if (from < 0 || from >= pool.length || to < 0 || to >= pool.length) return pool;
  const next = [...pool];
  const [moved] = next.splice(from, 1);
  if (moved !== undefined) next.splice(to, 0, moved);
  return next;
}

// Who can be picked -------------------------------------------------------------------------------

/** Member ids a slot could pick; the creator cannot be known in advance. */
export function slotPeople(slot: AssignmentSlot | null, orgOwnerId: string | null): string[] {
  if (!slot) return [];
  switch (slot.strategy) {
    case 'member':
      return slot.memberId ? [slot.memberId] : [];
    case 'round_robin':
      return slot.pool ?? [];
    case 'org_owner':
      return orgOwnerId ? [orgOwnerId] : [];
    case 'creator':
    case 'none':
      return [];
  }
}

export function otherSlot(name: SlotName): SlotName {
  return name === 'primary' ? 'secondary' : 'primary';
}

/** Members the other slot already uses: one person is never both owners. */
export function takenByOtherSlot(
  rule: AssignmentRule,
  slot: SlotName,
  orgOwnerId: string | null,
): Set<string> {
  return new Set(slotPeople(rule[otherSlot(slot)], orgOwnerId));
}

export interface StrategyOption {
  value: AssignmentStrategy;
  label: string;
  /** Why it cannot be chosen here, or null. */
  disabledReason: string | null;
}

/** The strategies a slot offers: the creator only for contacts members create by hand. */
export function strategyOptions(
  method: CreationMethod,
  slot: SlotName,
  rule: AssignmentRule,
  orgOwnerId: string | null,
): StrategyOption[] {
  const other = rule[otherSlot(slot)];
  const otherName = SLOT_LABELS[otherSlot(slot)].toLowerCase();
  const strategies: AssignmentStrategy[] = [
    ...(method === 'manual' ? (['creator'] as const) : []),
    'org_owner',
    'member',
    'round_robin',
    ...(slot === 'primary' ? (['none'] as const) : []),
  ];
  return strategies.map((value) => {
    let disabledReason: string | null = null;
    if (value === 'creator' && other?.strategy === 'creator') {
      disabledReason = `Already the ${otherName}`;
    }
    if (
      value === 'org_owner' &&
      (other?.strategy === 'org_owner' ||
        (orgOwnerId !== null && slotPeople(other, orgOwnerId).includes(orgOwnerId)))
    ) {
      disabledReason = `The organization owner is already the ${otherName}`;
    }
    return { value, label: STRATEGY_LABELS[value], disabledReason };
  });
}

/**
 * Why a member cannot own this agent's contacts, or null when they can. `accessIds` is null
 * when the viewer may not read the agent's access list (then nobody is ruled out here).
 */
export function memberProblem(
  members: Member[],
  accessIds: string[] | null,
  memberId: string,
): string | null {
  const member = members.find((item) => item.id === memberId);
  if (!member) return 'is no longer a member of the organization';
  if (accessIds && member.role === 'user' && !accessIds.includes(memberId)) {
    return 'is a User without access to this agent';
  }
  return null;
}

export function memberLabel(members: Member[], memberId: string): string {
  const member = members.find((item) => item.id === memberId);
  return member ? member.name || member.email : 'Former member';
}

// Checks ------------------------------------------------------------------------------------------

export interface CheckContext {
  members: Member[];
  accessIds: string[] | null;
  orgOwnerId: string | null;
  stages: string[];
  statuses: string[];
}

function checkSlot(
  details: ErrorDetail[],
  path: string,
  slot: AssignmentSlot,
  method: CreationMethod,
  ctx: CheckContext,
): void {
  const problem = (id: string) => memberProblem(ctx.members, ctx.accessIds, id);
  switch (slot.strategy) {
    case 'creator':
      if (method !== 'manual') {
        details.push({
          path: `${path}.strategy`,
          message: 'Only contacts members create by hand have a creator; choose another strategy',
        });
      }
      return;
    case 'member': {
      if (!slot.memberId) {
        details.push({
          path: `${path}.memberId`,
          message: 'Choose the member who gets new contacts',
        });
        return;
      }
      const reason = problem(slot.memberId);
      if (reason) {
        details.push({
          path: `${path}.memberId`,
          message: `${memberLabel(ctx.members, slot.memberId)} ${reason}`,
        });
      }
      return;
    }
    case 'round_robin': {
      const pool = slot.pool ?? [];
      if (new Set(pool).size !== pool.length) {
        details.push({ path: `${path}.pool`, message: 'Each member can be in the pool only once' });
      } else if (pool.length < 2) {
        details.push({
          path: `${path}.pool`,
          message: 'Round robin needs at least two members in the pool',
        });
      }
      pool.forEach((id, index) => {
        const reason = problem(id);
        if (reason) {
          details.push({
            path: `${path}.pool.${index}`,
            message: `${memberLabel(ctx.members, id)} ${reason}`,
          });
        }
      });
      return;
    }
    case 'org_owner':
    case 'none':
      return;
  }
}

/**
 * The problems the server would report, with the same paths
 * (`assignment.manual.primary.pool`, `startingStage.form`, …), so both show in the same place.
 */
export function checkSettings(settings: AutomationSettings, ctx: CheckContext): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const method of METHODS) {
    const rule = settings.assignment[method];
    if (!rule) continue;
    checkSlot(details, `assignment.${method}.primary`, rule.primary, method, ctx);
    if (rule.secondary) {
      checkSlot(details, `assignment.${method}.secondary`, rule.secondary, method, ctx);
      const primaryPeople = new Set(slotPeople(rule.primary, ctx.orgOwnerId));
      const bothCreator =
        rule.primary.strategy === 'creator' && rule.secondary.strategy === 'creator';
      const bothOwner =
        rule.primary.strategy === 'org_owner' && rule.secondary.strategy === 'org_owner';
      if (
        bothCreator ||
        bothOwner ||
        slotPeople(rule.secondary, ctx.orgOwnerId).some((id) => primaryPeople.has(id))
      ) {
        details.push({
          path: `assignment.${method}.secondary`,
          message:
            'The secondary owner could be the same person as the primary; one person is never both',
        });
      }
    }
  }
  const known = (names: string[], name: string) =>
    names.some((item) => item.toLowerCase() === name.trim().toLowerCase());
  for (const method of METHODS) {
    const stage = settings.startingStage[method];
    if (stage !== undefined && !known(ctx.stages, stage)) {
      details.push({
        path: `startingStage.${method}`,
        message: `There is no stage named "${stage}"`,
      });
    }
    const status = settings.startingStatus?.[method];
    if (status !== undefined && !known(ctx.statuses, status)) {
      details.push({
        path: `startingStatus.${method}`,
        message: `There is no status named "${status}"`,
      });
    }
  }
  return details;
}

/** Server paths may come as `body.assignment…`; the editor keys errors without the prefix. */
export function errorPath(path: string): string {
  return path.replace(/^body\./, '');
}

/** The messages about one place (a slot, a stage select) and everything under it. */
export function messagesAt(details: ErrorDetail[], prefix: string): string[] {
  return details
    .filter((detail) => {
      const path = errorPath(detail.path);
      return path === prefix || path.startsWith(`${prefix}.`);
    })
    .map((detail) => detail.message);
}

/** Methods with at least one problem, so the method selector can point at them. */
export function methodsWithProblems(details: ErrorDetail[]): Set<CreationMethod> {
  const methods = new Set<CreationMethod>();
  for (const detail of details) {
    const [, method] = errorPath(detail.path).split('.');
    const found = METHODS.find((item) => item === method);
    if (found) methods.add(found);
  }
  return methods;
}

/** Details that no slot or select of the editor shows; they go above the editor. */
export function unplacedMessages(details: ErrorDetail[]): string[] {
  return details
    .filter(
      (detail) =>
        !/^(assignment|startingStage|startingStatus)\.[a-z]+/.test(errorPath(detail.path)),
    )
    .map((detail) => detail.message);
}
