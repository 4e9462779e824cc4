import type { CustomField } from '@agent-crm/contracts';
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Code,
  Group,
  Paper,
  Stack,
  Switch,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { SortableList } from '../../../components/ui/sortable-list';
import { notifySuccess } from '../../../lib/notify';
import {
  useDeleteCustomField,
  useReorderCustomFields,
  useToggleFieldForAi,
} from '../api/custom-fields';
import { CustomFieldDialog } from './custom-field-dialog';
import { FIELD_TYPE_LABELS } from './field-types';

interface CustomFieldsSectionProps {
  agentId: string;
  fields: CustomField[];
  canEdit: boolean;
}

export function CustomFieldsSection({ agentId, fields, canEdit }: CustomFieldsSectionProps) {
  const reorder = useReorderCustomFields(agentId);
  const toggleAi = useToggleFieldForAi(agentId);
  const deleteField = useDeleteCustomField(agentId);
  const [dialog, setDialog] = useState<{ field: CustomField | null } | null>(null);
  const [deleting, setDeleting] = useState<CustomField | null>(null);

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="custom-fields-title">
      <Stack>
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={3} id="custom-fields-title">
              Custom fields
            </Title>
            <Text size="sm" c="dimmed">
              Extra details kept for every contact, in the order forms and the contact page show
              them.
            </Text>
          </div>
          {canEdit ? (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => {
                setDialog({ field: null });
              }}
            >
              Add field
            </Button>
          ) : null}
        </Group>
        {fields.length === 0 ? (
          <Text size="sm" c="dimmed">
            No custom fields yet. Contacts have a name, an email and a mobile number.
          </Text>
        ) : (
          <SortableList
            items={fields}
            itemName={(field) => field.label}
            onReorder={
              canEdit
                ? (ids) => {
                    reorder.mutate(ids);
                  }
                : undefined
            }
            renderItem={(field, handle) => (
              <Paper withBorder px="sm" py={6} data-testid="custom-field">
                <Group justify="space-between" wrap="nowrap" gap="sm">
                  <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
                    {handle}
                    <Stack gap={0} style={{ minWidth: 0 }}>
                      <Group gap="xs">
                        <Text fw={500}>{field.label}</Text>
                        {field.required ? (
                          <Badge size="xs" variant="light" color="orange">
                            Required
                          </Badge>
                        ) : null}
                      </Group>
                      <Group gap="xs">
                        <Code>{field.key}</Code>
                        <Text size="xs" c="dimmed">
                          {FIELD_TYPE_LABELS[field.type]}
                          {field.options.length > 0 ? ` · ${field.options.join(', ')}` : ''}
                        </Text>
                      </Group>
                    </Stack>
                  </Group>
                  <Group gap="xs" wrap="nowrap">
                    <Switch
                      size="sm"
                      label="AI"
                      aria-label={`Allow ${field.label} for AI`}
                      disabled={!canEdit}
                      checked={field.allowForAi}
                      onChange={(event) => {
                        toggleAi.mutate({
                          fieldId: field.id,
                          allowForAi: event.currentTarget.checked,
                        });
                      }}
                    />
                    {canEdit ? (
                      <>
                        <Tooltip label="Edit field" withArrow>
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            aria-label={`Edit ${field.label}`}
                            onClick={() => {
                              setDialog({ field });
                            }}
                          >
                            <IconPencil size={16} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label="Delete field" withArrow>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={`Delete ${field.label}`}
                            onClick={() => {
                              setDeleting(field);
                            }}
                          >
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Tooltip>
                      </>
                    ) : null}
                  </Group>
                </Group>
              </Paper>
            )}
          />
        )}
      </Stack>
      <CustomFieldDialog
        agentId={agentId}
        field={dialog?.field ?? null}
        opened={dialog !== null}
        onClose={() => {
          setDialog(null);
        }}
      />
      <ConfirmDialog
        opened={deleting !== null}
        title={deleting ? `Delete ${deleting.label}?` : ''}
        message="The field and the values contacts have for it are removed. Forms and CSV mappings that use it stop filling it."
        confirmLabel="Delete field"
        isPending={deleteField.isPending}
        onConfirm={() => {
          if (!deleting) return;
          deleteField.mutate(deleting.id, {
            onSuccess: () => {
              notifySuccess(`Deleted ${deleting.label}`);
              setDeleting(null);
            },
          });
        }}
        onClose={() => {
          setDeleting(null);
        }}
      />
    </Card>
  );
}
