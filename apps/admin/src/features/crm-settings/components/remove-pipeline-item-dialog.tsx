import type { PipelineItem, PipelineKind } from '@agent-crm/contracts';
import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { FormAlert } from '../../../components/ui/form-alert';
import { describeError, notifySuccess } from '../../../lib/notify';
import { useRemovePipelineItem } from '../api/crm-settings';

interface RemovePipelineItemDialogProps {
  agentId: string;
  kind: PipelineKind;
  /** The stage or status being removed; null when the dialog is closed. */
  item: PipelineItem | null;
  others: PipelineItem[];
  onClose: () => void;
}

/** Removing a stage or status asks where its contacts go. */
export function RemovePipelineItemDialog({
  agentId,
  kind,
  item,
  others,
  onClose,
}: RemovePipelineItemDialogProps) {
  const singular = kind === 'stages' ? 'stage' : 'status';
  return (
    <Modal
      opened={item !== null}
      onClose={onClose}
      title={item ? `Remove ${item.name}?` : ''}
      centered
    >
      {item ? (
        <RemoveForm
          key={item.id}
          agentId={agentId}
          kind={kind}
          item={item}
          others={others}
          singular={singular}
          onClose={onClose}
        />
      ) : null}
    </Modal>
  );
}

function RemoveForm({
  agentId,
  kind,
  item,
  others,
  singular,
  onClose,
}: {
  agentId: string;
  kind: PipelineKind;
  item: PipelineItem;
  others: PipelineItem[];
  singular: string;
  onClose: () => void;
}) {
  const remove = useRemovePipelineItem(agentId, kind);
  const [moveTo, setMoveTo] = useState<string | null>(others[0]?.id ?? null);
  const count = item.contactCount;

  return (
    <Stack>
      <Text size="sm">
        {count === 0
          ? `No contact is in ${item.name}.`
          : `${count === 1 ? '1 contact is' : `${count} contacts are`} in ${item.name}.`}{' '}
        Choose the {singular} {count === 0 ? 'that takes its place' : 'they move to'}.
      </Text>
      <Select
        label={`Move contacts to`}
        data={others.map((other) => ({ value: other.id, label: other.name }))}
        value={moveTo}
        allowDeselect={false}
        onChange={setMoveTo}
      />
      {remove.isError ? <FormAlert message={describeError(remove.error).message} /> : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button
          color="red"
          disabled={!moveTo}
          loading={remove.isPending}
          onClick={() => {
            if (!moveTo) return;
            remove.mutate(
              { itemId: item.id, moveTo },
              {
                onSuccess: () => {
                  notifySuccess(`Removed ${item.name}`);
                  onClose();
                },
              },
            );
          }}
        >
          Remove {singular}
        </Button>
      </Group>
    </Stack>
  );
}
