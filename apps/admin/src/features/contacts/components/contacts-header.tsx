import { Badge, Button, Group, SegmentedControl, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useNavigate } from 'react-router';

/** The header shared by the list and the board: title, live count, view switch, add button. */
export function ContactsHeader({
  agentId,
  view,
  count,
  canAdd,
  onAdd,
}: {
  agentId: string;
  view: 'list' | 'board';
  count: number | undefined;
  canAdd: boolean;
  onAdd: () => void;
}) {
  const navigate = useNavigate();
  return (
    <Group justify="space-between" align="center" mb="lg">
      <Group gap="sm" align="center">
        <Title order={2}>Contacts</Title>
        <Badge size="lg" variant="light" data-testid="contact-count" aria-label="Contact count">
          {count ?? '…'}
        </Badge>
      </Group>
      <Group gap="sm">
        <SegmentedControl
          aria-label="View"
          value={view}
          data={[
            { value: 'list', label: 'List' },
            { value: 'board', label: 'Board' },
          ]}
          onChange={(value) => {
            void navigate(
              value === 'board'
                ? `/agents/${agentId}/contacts/board`
                : `/agents/${agentId}/contacts`,
            );
          }}
        />
        {canAdd ? (
          <Button leftSection={<IconPlus size={16} />} onClick={onAdd}>
            Add contact
          </Button>
        ) : null}
      </Group>
    </Group>
  );
}
