import { FORM_FIELD_TYPE_LABELS, isInputField, type FormField } from '@agent-crm/contracts';
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ActionIcon, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { IconGripVertical, IconTrash } from '@tabler/icons-react';
import { FIELD_ICONS } from './field-palette';

export const CANVAS_ID = 'form-canvas';

interface FieldCanvasProps {
  fields: FormField[];
  selectedId: string | null;
  errors: Record<string, string>;
  mapLabel: (mapTo: FormField['mapTo']) => string | null;
  onSelect: (id: string) => void;
  onRemove: (id: string) => void;
  readOnly: boolean;
}

function FieldCard({
  field,
  isSelected,
  error,
  mapping,
  onSelect,
  onRemove,
  readOnly,
}: {
  field: FormField;
  isSelected: boolean;
  error: string | undefined;
  mapping: string | null;
  onSelect: () => void;
  onRemove: () => void;
  readOnly: boolean;
}) {
  const {
    attributes,
    listeners,
    setNodeRef,
    setActivatorNodeRef,
    transform,
    transition,
    isDragging,
  } = useSortable({ id: field.id, disabled: readOnly });
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      p="sm"
      radius="md"
      data-field-id={field.id}
      data-testid="canvas-field"
      style={{
        transform: CSS.Transform.toString(transform),
        transition,
        opacity: isDragging ? 0.6 : 1,
        cursor: 'pointer',
        borderColor: error
          ? 'var(--mantine-color-red-6)'
          : isSelected
            ? 'var(--mantine-color-blue-6)'
            : undefined,
        borderWidth: isSelected || error ? 2 : undefined,
      }}
      onClick={onSelect}
    >
      <Group wrap="nowrap" gap="xs" align="flex-start">
        {readOnly ? null : (
          <ActionIcon
            ref={setActivatorNodeRef}
            variant="subtle"
            color="gray"
            aria-label={`Reorder ${field.label}`}
            style={{ cursor: 'grab', touchAction: 'none' }}
            {...attributes}
            {...listeners}
          >
            <IconGripVertical size={16} />
          </ActionIcon>
        )}
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Group gap={6} wrap="nowrap">
            {FIELD_ICONS[field.type]}
            <Text
              fw={500}
              size="sm"
              truncate
              component="button"
              type="button"
              style={{
                background: 'none',
                border: 0,
                padding: 0,
                textAlign: 'left',
                cursor: 'pointer',
              }}
              onClick={onSelect}
              aria-pressed={isSelected}
            >
              {field.label}
              {field.required ? ' *' : ''}
            </Text>
          </Group>
          <Group gap={6}>
            <Badge size="xs" variant="light" color="gray">
              {FORM_FIELD_TYPE_LABELS[field.type]}
            </Badge>
            {isInputField(field.type) && field.type !== 'file' ? (
              <Badge size="xs" variant="light" color={mapping ? 'blue' : 'gray'}>
                {mapping ? `→ ${mapping}` : 'Submission only'}
              </Badge>
            ) : null}
          </Group>
          {error ? (
            <Text size="xs" c="red">
              {error}
            </Text>
          ) : null}
        </Stack>
        {readOnly ? null : (
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={`Remove ${field.label}`}
            onClick={(event) => {
              event.stopPropagation();
              onRemove();
            }}
          >
            <IconTrash size={16} />
          </ActionIcon>
        )}
      </Group>
    </Paper>
  );
}

/** The form being built: drop fields here, drag to reorder, click to configure. */
export function FieldCanvas({
  fields,
  selectedId,
  errors,
  mapLabel,
  onSelect,
  onRemove,
  readOnly,
}: FieldCanvasProps) {
  const { setNodeRef, isOver } = useDroppable({ id: CANVAS_ID });
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      p="sm"
      radius="md"
      mih={320}
      aria-label="Form fields"
      data-testid="form-canvas"
      bg={isOver ? 'var(--mantine-color-blue-0)' : undefined}
    >
      <SortableContext
        items={fields.map((field) => field.id)}
        strategy={verticalListSortingStrategy}
      >
        <Stack gap="xs">
          {fields.map((field) => (
            <FieldCard
              key={field.id}
              field={field}
              isSelected={field.id === selectedId}
              error={errors[field.id]}
              mapping={mapLabel(field.mapTo)}
              onSelect={() => {
                onSelect(field.id);
              }}
              onRemove={() => {
                onRemove(field.id);
              }}
              readOnly={readOnly}
            />
          ))}
          {fields.length === 0 ? (
            <Text c="dimmed" ta="center" py="xl" size="sm">
              Drag fields here to build the form.
            </Text>
          ) : null}
        </Stack>
      </SortableContext>
    </Paper>
  );
}
