import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useDeleteAgent } from '../api/agents';

interface DeleteAgentDialogProps {
  agentId: string;
  agentName: string;
  opened: boolean;
  onClose: () => void;
  onDeleted: () => void;
}

/** Deleting erases the agent's CRM, so the name must be typed to confirm. */
export function DeleteAgentDialog({
  agentId,
  agentName,
  opened,
  onClose,
  onDeleted,
}: DeleteAgentDialogProps) {
  const deleteAgent = useDeleteAgent(agentId);
  const [typedName, setTypedName] = useState('');
  const close = () => {
    setTypedName('');
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title="Delete agent" centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (typedName !== agentName) return;
          // Errors are notified globally; success leaves this page.
          deleteAgent.mutateAsync().then(onDeleted, () => undefined);
        }}
      >
        <Stack>
          <Text size="sm">
            This permanently deletes <strong>{agentName}</strong> with its contacts, forms and
            conversations. This cannot be undone.
          </Text>
          <TextInput
            label="Type the agent name to confirm"
            value={typedName}
            autoComplete="off"
            data-autofocus
            onChange={(event) => {
              setTypedName(event.currentTarget.value);
            }}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              type="submit"
              color="red"
              disabled={typedName !== agentName}
              loading={deleteAgent.isPending}
            >
              Delete agent
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
