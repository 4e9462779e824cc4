import type { BulkAction } from '@agent-crm/contracts';
import { Affix, Button, Group, Menu, Paper, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconArchive,
  IconArrowBackUp,
  IconChevronDown,
  IconTrash,
  IconX,
} from '@tabler/icons-react';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { notifySuccess } from '../../../lib/notify';
import { useBulkContacts, type ContactListFilter } from '../api/contacts';
import { memberOptions, type CrmVocabulary } from './vocabulary';

interface BulkBarProps {
  agentId: string;
  vocabulary: CrmVocabulary;
  /** How many contacts the action reaches. */
  count: number;
  /** Either the chosen contacts, or everything matching the list's filter. */
  target: { ids: string[] } | { filter: ContactListFilter };
  isArchivedView: boolean;
  onClear: () => void;
}

function contactsWord(count: number): string {
  return count === 1 ? '1 contact' : `${count} contacts`;
}

export function BulkBar({
  agentId,
  vocabulary,
  count,
  target,
  isArchivedView,
  onClear,
}: BulkBarProps) {
  const bulk = useBulkContacts(agentId);
  const [isDeleteOpen, deleteDialog] = useDisclosure(false);

  const run = (action: BulkAction, done: string) => {
    bulk.mutate(
      { ...target, action },
      {
        onSuccess: ({ affected, job }) => {
          // A background job reports its own progress and outcome.
          if (!job) notifySuccess(`${done} ${contactsWord(affected)}`);
          deleteDialog.close();
          onClear();
        },
      },
    );
  };

  return (
    <>
      <Affix position={{ bottom: 24, left: '50%' }} style={{ transform: 'translateX(-50%)' }}>
        <Paper shadow="lg" withBorder p="sm" radius="md" role="toolbar" aria-label="Bulk actions">
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" fw={600} px="xs" data-testid="selected-count">
              {contactsWord(count)} selected
            </Text>
            <Menu withinPortal position="top">
              <Menu.Target>
                <Button variant="default" size="xs" rightSection={<IconChevronDown size={14} />}>
                  Assign owner
                </Button>
              </Menu.Target>
              <Menu.Dropdown mah={320} style={{ overflowY: 'auto' }}>
                <Menu.Item
                  onClick={() => {
                    run({ type: 'assign_owner', ownerId: null }, 'Unassigned');
                  }}
                >
                  Unassigned
                </Menu.Item>
                {memberOptions(vocabulary.members).map((member) => (
                  <Menu.Item
                    key={member.value}
                    onClick={() => {
                      run({ type: 'assign_owner', ownerId: member.value }, 'Assigned');
                    }}
                  >
                    {member.label}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
            <ChoiceMenu
              label="Set stage"
              choices={vocabulary.stages}
              onChoose={(stage) => {
                run({ type: 'set_stage', stage }, 'Updated the stage of');
              }}
            />
            <ChoiceMenu
              label="Set status"
              choices={vocabulary.statuses}
              onChoose={(status) => {
                run({ type: 'set_status', status }, 'Updated the status of');
              }}
            />
            {isArchivedView ? (
              <Button
                variant="default"
                size="xs"
                leftSection={<IconArrowBackUp size={14} />}
                loading={bulk.isPending}
                onClick={() => {
                  run({ type: 'restore' }, 'Restored');
                }}
              >
                Restore
              </Button>
            ) : (
              <Button
                variant="default"
                size="xs"
                leftSection={<IconArchive size={14} />}
                loading={bulk.isPending}
                onClick={() => {
                  run({ type: 'archive' }, 'Archived');
                }}
              >
                Archive
              </Button>
            )}
            <Button
              color="red"
              variant="light"
              size="xs"
              leftSection={<IconTrash size={14} />}
              onClick={deleteDialog.open}
            >
              Delete
            </Button>
            <Button
              variant="subtle"
              color="gray"
              size="xs"
              leftSection={<IconX size={14} />}
              onClick={onClear}
            >
              Clear
            </Button>
          </Group>
        </Paper>
      </Affix>
      <ConfirmDialog
        opened={isDeleteOpen}
        title={`Delete ${contactsWord(count)}?`}
        message={`This permanently erases ${contactsWord(count)} with their notes, files and form submissions. It cannot be undone.`}
        confirmLabel="Delete permanently"
        isPending={bulk.isPending}
        onConfirm={() => {
          run({ type: 'delete' }, 'Deleted');
        }}
        onClose={deleteDialog.close}
      />
    </>
  );
}

interface ChoiceMenuProps {
  label: string;
  choices: readonly string[];
  onChoose: (choice: string) => void;
}

/** A button that opens a list of names (stages, statuses) and applies the one picked. */
function ChoiceMenu({ label, choices, onChoose }: ChoiceMenuProps) {
  return (
    <Menu withinPortal position="top">
      <Menu.Target>
        <Button variant="default" size="xs" rightSection={<IconChevronDown size={14} />}>
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {choices.map((choice) => (
          <Menu.Item
            key={choice}
            onClick={() => {
              onChoose(choice);
            }}
          >
            {choice}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
