import { FORM_FIELD_TYPE_LABELS, FORM_FIELD_TYPES, type FormFieldType } from '@agent-crm/contracts';
import { useDraggable } from '@dnd-kit/core';
import { Button, SimpleGrid, Stack, Text } from '@mantine/core';
import {
  IconAlignLeft,
  IconAt,
  IconCalendar,
  IconCheckbox,
  IconCursorText,
  IconFileUpload,
  IconHash,
  IconHeading,
  IconList,
  IconListCheck,
  IconPhone,
  IconTextSize,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';

export const FIELD_ICONS: Record<FormFieldType, ReactNode> = {
  short_text: <IconCursorText size={16} />,
  long_text: <IconAlignLeft size={16} />,
  email: <IconAt size={16} />,
  phone: <IconPhone size={16} />,
  number: <IconHash size={16} />,
  date: <IconCalendar size={16} />,
  select: <IconList size={16} />,
  multi_select: <IconListCheck size={16} />,
  checkbox: <IconCheckbox size={16} />,
  file: <IconFileUpload size={16} />,
  heading: <IconHeading size={16} />,
  paragraph: <IconTextSize size={16} />,
};

export const PALETTE_PREFIX = 'palette:';

function PaletteItem({
  type,
  onAdd,
}: {
  type: FormFieldType;
  onAdd: (type: FormFieldType) => void;
}) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: `${PALETTE_PREFIX}${type}`,
    data: { type },
  });
  return (
    <Button
      ref={setNodeRef}
      variant="default"
      justify="flex-start"
      leftSection={FIELD_ICONS[type]}
      data-palette-type={type}
      style={{ cursor: 'grab', touchAction: 'none', opacity: isDragging ? 0.5 : 1 }}
      {...attributes}
      {...listeners}
      // A click (or Enter) adds the field at the end: the keyboard way to build a form.
      onClick={() => {
        onAdd(type);
      }}
      aria-label={`Add ${FORM_FIELD_TYPE_LABELS[type]} field (or drag it onto the form)`}
    >
      {FORM_FIELD_TYPE_LABELS[type]}
    </Button>
  );
}

/** The field types, to drag onto the form (or click to add at the end). */
export function FieldPalette({ onAdd }: { onAdd: (type: FormFieldType) => void }) {
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        Add a field
      </Text>
      <Text size="xs" c="dimmed">
        Drag onto the form, or click to add at the end.
      </Text>
      <SimpleGrid cols={{ base: 2, md: 1 }} spacing={6}>
        {FORM_FIELD_TYPES.map((type) => (
          <PaletteItem key={type} type={type} onAdd={onAdd} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
