import type { Member } from '@agent-crm/contracts';
import { ActionIcon, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconX } from '@tabler/icons-react';
import { SortableList } from '../../../components/ui/sortable-list';
import { memberLabel, movePoolMember } from '../rules';
import { MemberOption, type MemberChoice } from './member-option';

interface PoolEditorProps {
  pool: string[];
  members: Member[];
  /** Every member with why they cannot be added (null when they can). */
  choices: MemberChoice[];
  /** Problems with one pool position, keyed by index. */
  positionErrors: Map<number, string>;
  canEdit: boolean;
  onChange: (pool: string[]) => void;
}

/** An ordered pool: new contacts go to each member in turn, from the top. */
export function PoolEditor({
  pool,
  members,
  choices,
  positionErrors,
  canEdit,
  onChange,
}: PoolEditorProps) {
  const items = pool.map((id) => ({ id }));
  const addable = choices.filter((choice) => !pool.includes(choice.id));
  const byId = new Map(choices.map((choice) => [choice.id, choice]));

  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        Pool, in turn order
      </Text>
      {pool.length === 0 ? (
        <Text size="sm" c="dimmed">
          No members yet. Add at least two.
        </Text>
      ) : (
        <SortableList
          items={items}
          itemName={(item) => memberLabel(members, item.id)}
          {...(canEdit
            ? {
                onReorder: (ids: string[]) => {
                  onChange(ids);
                },
              }
            : {})}
          renderItem={(item, handle) => {
            const index = pool.indexOf(item.id);
            const name = memberLabel(members, item.id);
            const error = positionErrors.get(index);
            return (
              <Paper key={item.id} withBorder px="sm" py={6} data-testid="pool-member">
                <Group gap="xs" wrap="nowrap">
                  {handle}
                  <Text size="sm" c="dimmed" w={20}>
                    {index + 1}.
                  </Text>
                  <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                    <Text size="sm" truncate>
                      {name}
                    </Text>
                    {error ? (
                      <Text size="xs" c="red">
                        {error}
                      </Text>
                    ) : null}
                  </Stack>
                  {canEdit ? (
                    <Group gap={2} wrap="nowrap">
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`Move ${name} up`}
                        disabled={index === 0}
                        onClick={() => {
                          onChange(movePoolMember(pool, index, index - 1));
                        }}
                      >
                        <IconArrowUp size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`Move ${name} down`}
                        disabled={index === pool.length - 1}
                        onClick={() => {
                          onChange(movePoolMember(pool, index, index + 1));
                        }}
                      >
                        <IconArrowDown size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Remove ${name} from the pool`}
                        onClick={() => {
                          onChange(pool.filter((id) => id !== item.id));
                        }}
                      >
                        <IconX size={16} />
                      </ActionIcon>
                    </Group>
                  ) : null}
                </Group>
              </Paper>
            );
          }}
        />
      )}
      {canEdit ? (
        <Select
          label="Add to the pool"
          placeholder={addable.length > 0 ? 'Choose a member' : 'Everyone is in the pool'}
          disabled={addable.length === 0}
          value={null}
          searchable
          data={addable.map((choice) => ({
            value: choice.id,
            label: choice.label,
            disabled: choice.disabledReason !== null,
          }))}
          renderOption={({ option }) => {
            const choice = byId.get(option.value);
            return choice ? <MemberOption choice={choice} /> : option.label;
          }}
          onChange={(id) => {
            if (id) onChange([...pool, id]);
          }}
        />
      ) : null}
    </Stack>
  );
}
