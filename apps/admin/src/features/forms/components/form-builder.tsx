import {
  FORM_FIELD_TYPE_LABELS,
  type CustomField,
  type Form,
  type FormField,
  type FormFieldType,
} from '@agent-crm/contracts';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { arrayMove, sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Modal,
  Paper,
  Stack,
  Switch,
  Tabs,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowLeft, IconCopy, IconListDetails, IconShare } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../../lib/api-client';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useDuplicateForm, useUpdateForm } from '../api/forms';
import { CANVAS_ID, FieldCanvas } from './field-canvas';
import { FIELD_ICONS, FieldPalette, PALETTE_PREFIX } from './field-palette';
import { FieldSettings, mapToLabel } from './field-settings';
import { FormPreview } from './form-preview';
import { SharePanel } from './share-panel';

type Draft = Pick<Form, 'title' | 'description' | 'submitLabel' | 'successMessage' | 'fields'>;

function draftOf(form: Form): Draft {
  return {
    title: form.title,
    description: form.description,
    submitLabel: form.submitLabel,
    successMessage: form.successMessage,
    fields: form.fields,
  };
}

const DEFAULT_LABELS: Partial<Record<FormFieldType, string>> = {
  heading: 'Section heading',
  paragraph: 'Some text for visitors.',
  checkbox: 'I agree',
};

/** Reordering aims at fields only; a new field from the palette may also land on the empty form. */
const collisionDetection: CollisionDetection = (args) => {
  const fromPalette = String(args.active.id).startsWith(PALETTE_PREFIX);
  return closestCenter({
    ...args,
    droppableContainers: args.droppableContainers.filter(
      (container) => fromPalette || container.id !== CANVAS_ID,
    ),
  });
};

function newField(type: FormFieldType): FormField {
  return {
    id: crypto.randomUUID(),
    type,
    label: DEFAULT_LABELS[type] ?? FORM_FIELD_TYPE_LABELS[type],
    required: false,
    ...(type === 'select' || type === 'multi_select' ? { options: ['Option 1', 'Option 2'] } : {}),
  };
}

/** What the server gets: options trimmed of empty lines. */
function toWrite(draft: Draft) {
  return {
    ...draft,
    fields: draft.fields.map((field) =>
      field.options
        ? { ...field, options: field.options.map((o) => o.trim()).filter(Boolean) }
        : field,
    ),
  };
}

interface FormBuilderProps {
  agentId: string;
  form: Form;
  customFields: CustomField[];
  canManage: boolean;
}

/** Drag fields from the palette onto the form, reorder them, configure, preview, publish, share. */
export function FormBuilder({ agentId, form, customFields, canManage }: FormBuilderProps) {
  const navigate = useNavigate();
  const update = useUpdateForm(agentId, form.id);
  const duplicate = useDuplicateForm(agentId);
  const [draft, setDraft] = useState<Draft>(() => draftOf(form));
  const [saved, setSaved] = useState<Draft>(() => draftOf(form));
  const [selectedId, setSelectedId] = useState<string | null>(form.fields[0]?.id ?? null);
  const [panel, setPanel] = useState<string | null>('field');
  const [dragging, setDragging] = useState<FormFieldType | null>(null);
  const [problems, setProblems] = useState<{ message: string; byField: Record<string, string> }>({
    message: '',
    byField: {},
  });
  const [isShareOpen, share] = useDisclosure(false);
  const readOnly = !canManage;
  const isDirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const selected = draft.fields.find((field) => field.id === selectedId) ?? null;

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const setFields = (fields: FormField[]) => {
    setDraft((current) => ({ ...current, fields }));
  };

  const addField = (type: FormFieldType, index?: number) => {
    const field = newField(type);
    const fields = [...draft.fields];
    fields.splice(index ?? fields.length, 0, field);
    setFields(fields);
    setSelectedId(field.id);
    setPanel('field');
  };

  const onDragStart = ({ active }: DragStartEvent) => {
    const id = String(active.id);
    setDragging(
      id.startsWith(PALETTE_PREFIX) ? (id.slice(PALETTE_PREFIX.length) as FormFieldType) : null,
    );
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragging(null);
    if (!over || readOnly) return;
    const activeId = String(active.id);
    const overId = String(over.id);
    const ids = draft.fields.map((field) => field.id);
    if (activeId.startsWith(PALETTE_PREFIX)) {
      const type = activeId.slice(PALETTE_PREFIX.length) as FormFieldType;
      const index = ids.indexOf(overId);
      if (index < 0) {
        addField(type);
        return;
      }
      // Dropped on the lower half of a field: the new one goes after it.
      const dropped = active.rect.current.translated;
      const isBelow = dropped
        ? dropped.top + dropped.height / 2 > over.rect.top + over.rect.height / 2
        : false;
      addField(type, index + (isBelow ? 1 : 0));
      return;
    }
    const from = ids.indexOf(activeId);
    const to = ids.indexOf(overId);
    if (from < 0 || to < 0 || from === to) return;
    setFields(arrayMove(draft.fields, from, to));
  };

  const save = (extra: { published?: boolean } = {}) => {
    const body = { ...toWrite(draft), ...extra };
    update.mutate(body, {
      onSuccess: (result) => {
        const next = draftOf(result);
        setDraft(next);
        setSaved(next);
        setProblems({ message: '', byField: {} });
        notifySuccess(
          extra.published === undefined
            ? 'Form saved'
            : extra.published
              ? 'Form published'
              : 'Form unpublished',
        );
      },
      onError: (error) => {
        if (!isApiError(error) || error.details.length === 0) {
          notifyError(error);
          return;
        }
        const byField: Record<string, string> = {};
        for (const detail of error.details) {
          const match = /^fields\.(\d+)\./.exec(detail.path);
          const field = match ? draft.fields[Number(match[1])] : undefined;
          if (field) byField[field.id] = detail.message;
        }
        setProblems({
          message: error.details.map((detail) => detail.message).join(' · '),
          byField,
        });
      },
    });
  };

  const patchSelected = (patch: Partial<FormField>) => {
    if (!selected) return;
    setFields(
      draft.fields.map((field) => (field.id === selected.id ? { ...field, ...patch } : field)),
    );
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Anchor component={Link} to={`/agents/${agentId}/forms`} size="sm">
            <Group gap={4}>
              <IconArrowLeft size={14} /> Forms
            </Group>
          </Anchor>
          <Group gap="sm">
            <Text fw={700} size="xl">
              {draft.title || 'Untitled form'}
            </Text>
            <Badge color={form.published ? 'teal' : 'gray'} variant="light">
              {form.published ? 'Published' : 'Draft'}
            </Badge>
            {isDirty ? (
              <Badge color="yellow" variant="light">
                Unsaved changes
              </Badge>
            ) : null}
          </Group>
        </Stack>
        <Group gap="sm">
          <Button
            component={Link}
            to={`/agents/${agentId}/forms/${form.id}/submissions`}
            variant="default"
            leftSection={<IconListDetails size={16} />}
          >
            Submissions ({form.submissionCount})
          </Button>
          <Button variant="default" leftSection={<IconShare size={16} />} onClick={share.open}>
            Share
          </Button>
          {canManage ? (
            <>
              <Button
                variant="default"
                leftSection={<IconCopy size={16} />}
                loading={duplicate.isPending}
                onClick={() => {
                  duplicate.mutate(form.id, {
                    onSuccess: (copy) => {
                      notifySuccess(`Created "${copy.title}"`);
                      void navigate(`/agents/${agentId}/forms/${copy.id}`);
                    },
                  });
                }}
              >
                Duplicate
              </Button>
              <Switch
                label="Published"
                checked={form.published}
                disabled={update.isPending}
                onChange={(event) => {
                  save({ published: event.currentTarget.checked });
                }}
              />
              <Button
                onClick={() => {
                  save();
                }}
                loading={update.isPending}
                disabled={!isDirty}
              >
                Save
              </Button>
            </>
          ) : null}
        </Group>
      </Group>

      {problems.message ? (
        <Alert color="red" variant="light" title="The form could not be saved">
          {problems.message}
        </Alert>
      ) : null}

      <DndContext
        sensors={sensors}
        collisionDetection={collisionDetection}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => {
          setDragging(null);
        }}
      >
        <Grid gap="md">
          {readOnly ? null : (
            <Grid.Col span={{ base: 12, md: 3, lg: 2 }}>
              <FieldPalette
                onAdd={(type) => {
                  addField(type);
                }}
              />
            </Grid.Col>
          )}
          <Grid.Col span={{ base: 12, md: readOnly ? 6 : 5, lg: readOnly ? 6 : 5 }}>
            <FieldCanvas
              fields={draft.fields}
              selectedId={selectedId}
              errors={problems.byField}
              mapLabel={(mapTo) => mapToLabel(mapTo, customFields)}
              onSelect={(id) => {
                setSelectedId(id);
                setPanel('field');
              }}
              onRemove={(id) => {
                setFields(draft.fields.filter((field) => field.id !== id));
                if (selectedId === id) setSelectedId(null);
              }}
              readOnly={readOnly}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4, lg: 5 }}>
            <Tabs value={panel} onChange={setPanel} keepMounted={false}>
              <Tabs.List mb="sm">
                <Tabs.Tab value="field">Field</Tabs.Tab>
                <Tabs.Tab value="form">Form settings</Tabs.Tab>
                <Tabs.Tab value="preview">Preview</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="field">
                <Paper withBorder p="md" radius="md">
                  {selected ? (
                    <FieldSettings
                      key={selected.id}
                      field={selected}
                      fields={draft.fields}
                      customFields={customFields}
                      readOnly={readOnly}
                      onChange={patchSelected}
                    />
                  ) : (
                    <Text c="dimmed" size="sm">
                      Select a field on the form to configure it.
                    </Text>
                  )}
                </Paper>
              </Tabs.Panel>
              <Tabs.Panel value="form">
                <Paper withBorder p="md" radius="md">
                  <Stack gap="sm">
                    <TextInput
                      label="Title"
                      value={draft.title}
                      disabled={readOnly}
                      onChange={(event) => {
                        const title = event.currentTarget.value;
                        setDraft((current) => ({ ...current, title }));
                      }}
                    />
                    <Textarea
                      label="Description"
                      autosize
                      minRows={2}
                      value={draft.description}
                      disabled={readOnly}
                      onChange={(event) => {
                        const description = event.currentTarget.value;
                        setDraft((current) => ({ ...current, description }));
                      }}
                    />
                    <TextInput
                      label="Submit button text"
                      value={draft.submitLabel}
                      disabled={readOnly}
                      onChange={(event) => {
                        const submitLabel = event.currentTarget.value;
                        setDraft((current) => ({ ...current, submitLabel }));
                      }}
                    />
                    <Textarea
                      label="Success message"
                      autosize
                      minRows={2}
                      value={draft.successMessage}
                      disabled={readOnly}
                      onChange={(event) => {
                        const successMessage = event.currentTarget.value;
                        setDraft((current) => ({ ...current, successMessage }));
                      }}
                    />
                  </Stack>
                </Paper>
              </Tabs.Panel>
              <Tabs.Panel value="preview">
                <FormPreview
                  title={draft.title}
                  description={draft.description}
                  submitLabel={draft.submitLabel}
                  fields={draft.fields}
                />
              </Tabs.Panel>
            </Tabs>
          </Grid.Col>
        </Grid>
        <DragOverlay>
          {dragging ? (
            <Paper withBorder shadow="md" p="xs" radius="md">
              <Group gap={6}>
                {FIELD_ICONS[dragging]}
                <Text size="sm">{FORM_FIELD_TYPE_LABELS[dragging]}</Text>
              </Group>
            </Paper>
          ) : null}
        </DragOverlay>
      </DndContext>

      <Modal opened={isShareOpen} onClose={share.close} title="Share this form" size="lg">
        <SharePanel slug={form.slug} title={form.title} published={form.published} />
      </Modal>
    </Stack>
  );
}
