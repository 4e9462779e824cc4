import { PipelineItemNameSchema, type PipelineItem, type PipelineKind } from '@agent-crm/contracts';
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCheck, IconPencil, IconPlus, IconTrash, IconX } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { FormAlert } from '../../../components/ui/form-alert';
import { SortableList } from '../../../components/ui/sortable-list';
import { applyServerErrors, validateWith } from '../../../lib/form-errors';
import { useAddPipelineItem, useRenamePipelineItem, useReorderPipeline } from '../api/crm-settings';
import { RemovePipelineItemDialog } from './remove-pipeline-item-dialog';

const COPY: Record<
  PipelineKind,
  { title: string; description: string; singular: string; addLabel: string }
> = {
  stages: {
    title: 'Pipeline stages',
    description:
      'Where each contact is in your process, in order. The board shows one column each.',
    singular: 'stage',
    addLabel: 'Add stage',
  },
  statuses: {
    title: 'Statuses',
    description: 'Whether a contact is active, in your own words.',
    singular: 'status',
    addLabel: 'Add status',
  },
};

interface PipelineSectionProps {
  agentId: string;
  kind: PipelineKind;
  items: PipelineItem[];
  canEdit: boolean;
}

export function PipelineSection({ agentId, kind, items, canEdit }: PipelineSectionProps) {
  const copy = COPY[kind];
  const reorder = useReorderPipeline(agentId, kind);
  const [removing, setRemoving] = useState<PipelineItem | null>(null);
  const sorted = [...items].sort((a, b) => a.position - b.position);

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={`${kind}-title`}>
      <Stack>
        <div>
          <Title order={3} id={`${kind}-title`}>
            {copy.title}
          </Title>
          <Text size="sm" c="dimmed">
            {copy.description}
          </Text>
        </div>
        <SortableList
          items={sorted}
          itemName={(item) => item.name}
          onReorder={
            canEdit
              ? (ids) => {
                  reorder.mutate(ids);
                }
              : undefined
          }
          renderItem={(item, handle) => (
            <PipelineRow
              agentId={agentId}
              kind={kind}
              item={item}
              handle={handle}
              canEdit={canEdit}
              canRemove={sorted.length > 1}
              onRemove={() => {
                setRemoving(item);
              }}
            />
          )}
        />
        {canEdit ? <AddItemForm agentId={agentId} kind={kind} /> : null}
      </Stack>
      <RemovePipelineItemDialog
        agentId={agentId}
        kind={kind}
        item={removing}
        others={sorted.filter((item) => item.id !== removing?.id)}
        onClose={() => {
          setRemoving(null);
        }}
      />
    </Card>
  );
}

interface PipelineRowProps {
  agentId: string;
  kind: PipelineKind;
  item: PipelineItem;
  handle: ReactNode;
  canEdit: boolean;
  canRemove: boolean;
  onRemove: () => void;
}

function PipelineRow({
  agentId,
  kind,
  item,
  handle,
  canEdit,
  canRemove,
  onRemove,
}: PipelineRowProps) {
  const [isRenaming, setIsRenaming] = useState(false);
  const singular = COPY[kind].singular;
  return (
    <Paper withBorder px="sm" py={6} data-testid={`${kind}-item`}>
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Group gap="xs" wrap="nowrap" style={{ flex: 1 }}>
          {handle}
          {isRenaming ? (
            <RenameForm
              agentId={agentId}
              kind={kind}
              item={item}
              onDone={() => {
                setIsRenaming(false);
              }}
            />
          ) : (
            <Text fw={500}>{item.name}</Text>
          )}
        </Group>
        <Group gap={4} wrap="nowrap">
          <Badge variant="light" color="gray">
            {item.contactCount === 1 ? '1 contact' : `${item.contactCount} contacts`}
          </Badge>
          {canEdit && !isRenaming ? (
            <>
              <Tooltip label={`Rename ${singular}`} withArrow>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={`Rename ${item.name}`}
                  onClick={() => {
                    setIsRenaming(true);
                  }}
                >
                  <IconPencil size={16} />
                </ActionIcon>
              </Tooltip>
              <Tooltip
                label={canRemove ? `Remove ${singular}` : `Keep at least one ${singular}`}
                withArrow
              >
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Remove ${item.name}`}
                  disabled={!canRemove}
                  onClick={onRemove}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Tooltip>
            </>
          ) : null}
        </Group>
      </Group>
    </Paper>
  );
}

function RenameForm({
  agentId,
  kind,
  item,
  onDone,
}: {
  agentId: string;
  kind: PipelineKind;
  item: PipelineItem;
  onDone: () => void;
}) {
  const rename = useRenamePipelineItem(agentId, kind);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: item.name },
    validate: validateWith(PipelineItemNameSchema),
  });
  const handleSubmit = form.onSubmit(async ({ name }) => {
    setFormError(null);
    if (name.trim() === item.name) {
      onDone();
      return;
    }
    try {
      await rename.mutateAsync({ itemId: item.id, name: name.trim() });
      onDone();
    } catch (error) {
      setFormError(applyServerErrors(form, error, ['name']));
    }
  });
  return (
    <form onSubmit={handleSubmit} noValidate style={{ flex: 1 }}>
      <Group gap={4} wrap="nowrap" align="flex-start">
        <TextInput
          size="xs"
          aria-label={`New name for ${item.name}`}
          data-autofocus
          autoFocus
          maxLength={50}
          style={{ flex: 1 }}
          {...form.getInputProps('name')}
          error={form.errors.name ?? formError}
        />
        <ActionIcon type="submit" variant="light" aria-label="Save name" loading={rename.isPending}>
          <IconCheck size={16} />
        </ActionIcon>
        <ActionIcon variant="subtle" color="gray" aria-label="Cancel renaming" onClick={onDone}>
          <IconX size={16} />
        </ActionIcon>
      </Group>
    </form>
  );
}

function AddItemForm({ agentId, kind }: { agentId: string; kind: PipelineKind }) {
  const copy = COPY[kind];
  const add = useAddPipelineItem(agentId, kind);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: '' },
    validate: validateWith(PipelineItemNameSchema),
    validateInputOnBlur: false,
  });
  const handleSubmit = form.onSubmit(async ({ name }) => {
    setFormError(null);
    try {
      await add.mutateAsync(name.trim());
      form.reset();
    } catch (error) {
      setFormError(applyServerErrors(form, error, ['name']));
    }
  });
  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="xs">
        <FormAlert message={formError} />
        <Group align="flex-start" gap="sm">
          <TextInput
            aria-label={`New ${copy.singular}`}
            placeholder={`New ${copy.singular}`}
            maxLength={50}
            w={260}
            {...form.getInputProps('name')}
          />
          <Button
            type="submit"
            variant="light"
            leftSection={<IconPlus size={16} />}
            loading={add.isPending}
          >
            {copy.addLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
