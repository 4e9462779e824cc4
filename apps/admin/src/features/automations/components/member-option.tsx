import { Group, Text } from '@mantine/core';

/** A member as a slot offers them: greyed out, with the reason, when they cannot be chosen. */
export interface MemberChoice {
  id: string;
  label: string;
  disabledReason: string | null;
}

export function MemberOption({ choice }: { choice: MemberChoice }) {
  return (
    <Group gap="xs" wrap="nowrap" justify="space-between" w="100%">
      <Text size="sm" c={choice.disabledReason ? 'dimmed' : undefined}>
        {choice.label}
      </Text>
      {choice.disabledReason ? (
        <Text size="xs" c="dimmed" fs="italic">
          {choice.disabledReason}
        </Text>
      ) : null}
    </Group>
  );
}
