import type {
  AssignmentRule,
  AssignmentSlot,
  AssignmentStrategy,
  CreationMethod,
  ErrorDetail,
  Member,
} from '@agent-crm/contracts';
import { Card, Select, Stack, Text, Title } from '@mantine/core';
import {
  SLOT_LABELS,
  errorPath,
  memberLabel,
  memberProblem,
  messagesAt,
  strategyOptions,
  takenByOtherSlot,
  withStrategy,
  type SlotName,
} from '../rules';
import { MemberOption, type MemberChoice } from './member-option';
import { PoolEditor } from './pool-editor';

/** The secondary slot's "off" value: no secondary owner at all. */
const NO_SECONDARY = 'off';

const STRATEGY_HELP: Record<AssignmentStrategy, string> = {
  creator: 'The member who adds the contact owns it.',
  org_owner: 'The owner of the organization gets every new contact.',
  member: 'One chosen member gets every new contact.',
  round_robin: 'Each new contact goes to the next member of the pool, in turn.',
  none: 'New contacts start without an owner.',
};

interface SlotCardProps {
  method: CreationMethod;
  slot: SlotName;
  rule: AssignmentRule;
  members: Member[];
  accessIds: string[] | null;
  orgOwnerId: string | null;
  errors: ErrorDetail[];
  canEdit: boolean;
  onChange: (slot: AssignmentSlot | null) => void;
}

export function SlotCard({
  method,
  slot,
  rule,
  members,
  accessIds,
  orgOwnerId,
  errors,
  canEdit,
  onChange,
}: SlotCardProps) {
  const value = rule[slot];
  const path = `assignment.${method}.${slot}`;
  const titleId = `slot-${method}-${slot}`;
  const taken = takenByOtherSlot(rule, slot, orgOwnerId);
  const otherName = SLOT_LABELS[slot === 'primary' ? 'secondary' : 'primary'].toLowerCase();

  const choices: MemberChoice[] = members.map((member) => {
    const problem = memberProblem(members, accessIds, member.id);
    return {
      id: member.id,
      label: memberLabel(members, member.id),
      disabledReason: taken.has(member.id)
        ? `Already the ${otherName}`
        : problem
          ? 'No access to this agent'
          : null,
    };
  });
  const choiceById = new Map(choices.map((choice) => [choice.id, choice]));

  const options = strategyOptions(method, slot, rule, orgOwnerId);
  const findOption = (id: string) => options.find((option) => option.value === id);
  const strategyData = [
    ...(slot === 'secondary' ? [{ value: NO_SECONDARY, label: 'No secondary owner' }] : []),
    ...options.map((option) => ({
      value: option.value,
      label: option.label,
      disabled: option.disabledReason !== null && option.value !== value?.strategy,
    })),
  ];

  // Messages about the whole slot or its strategy go under the card; the others by their input.
  const slotMessages = errors
    .filter((detail) => {
      const at = errorPath(detail.path);
      return at === path || at === `${path}.strategy`;
    })
    .map((detail) => detail.message);
  const memberMessage = messagesAt(errors, `${path}.memberId`)[0];
  const poolMessage = errors.find((detail) => errorPath(detail.path) === `${path}.pool`)?.message;
  const positionErrors = new Map<number, string>();
  for (const detail of errors) {
    const match = new RegExp(`^${path.replace(/\./g, '\\.')}\\.pool\\.(\\d+)$`).exec(
      errorPath(detail.path),
    );
    if (match?.[1]) positionErrors.set(Number(match[1]), detail.message);
  }

  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-labelledby={titleId}
      style={{ flex: 1, minWidth: 0 }}
    >
      <Stack gap="sm">
        <div>
          <Title order={4} id={titleId}>
            {SLOT_LABELS[slot]}
          </Title>
          {slot === 'secondary' ? (
            <Text size="xs" c="dimmed">
              Optional. Never the same person as the primary owner.
            </Text>
          ) : null}
        </div>
        <Select
          label="Strategy"
          data={strategyData}
          value={value?.strategy ?? NO_SECONDARY}
          allowDeselect={false}
          readOnly={!canEdit}
          description={value ? STRATEGY_HELP[value.strategy] : 'Contacts get only a primary owner.'}
          renderOption={({ option }) => {
            const reason = findOption(option.value)?.disabledReason;
            return (
              <MemberOption
                choice={{ id: option.value, label: option.label, disabledReason: reason ?? null }}
              />
            );
          }}
          onChange={(next) => {
            if (!next || next === NO_SECONDARY) {
              onChange(null);
              return;
            }
            const strategy = findOption(next)?.value;
            if (strategy) onChange(withStrategy(value ?? { strategy }, strategy));
          }}
        />
        {value?.strategy === 'member' ? (
          <Select
            label="Member"
            placeholder="Choose a member"
            searchable
            readOnly={!canEdit}
            value={value.memberId ?? null}
            error={memberMessage}
            data={choices.map((choice) => ({
              value: choice.id,
              label: choice.label,
              disabled: choice.disabledReason !== null && choice.id !== value.memberId,
            }))}
            renderOption={({ option }) => {
              const choice = choiceById.get(option.value);
              return choice ? <MemberOption choice={choice} /> : option.label;
            }}
            onChange={(memberId) => {
              onChange(memberId ? { strategy: 'member', memberId } : { strategy: 'member' });
            }}
          />
        ) : null}
        {value?.strategy === 'round_robin' ? (
          <PoolEditor
            pool={value.pool ?? []}
            members={members}
            choices={choices}
            positionErrors={positionErrors}
            canEdit={canEdit}
            onChange={(pool) => {
              onChange({ strategy: 'round_robin', pool });
            }}
          />
        ) : null}
        {poolMessage ? (
          <Text size="sm" c="red" role="alert">
            {poolMessage}
          </Text>
        ) : null}
        {slotMessages.map((message) => (
          <Text key={message} size="sm" c="red" role="alert">
            {message}
          </Text>
        ))}
      </Stack>
    </Card>
  );
}
