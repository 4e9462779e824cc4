import {
  CustomFieldCreateSchema,
  FieldTypeSchema,
  SELECT_TYPES,
  type CustomField,
  type CustomFieldPatch,
  type FieldType,
} from '@agent-crm/contracts';
import {
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Switch,
  TagsInput,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { FormAlert } from '../../../components/ui/form-alert';
import { applyServerErrors, validateWith } from '../../../lib/form-errors';
import { notifySuccess } from '../../../lib/notify';
import { useCreateCustomField, useUpdateCustomField } from '../api/custom-fields';
import { FIELD_TYPE_OPTIONS, suggestKey } from './field-types';

const FIELDS = ['label', 'key', 'type', 'options', 'required', 'allowForAi', 'helpText'] as const;

interface FieldValues {
  label: string;
  key: string;
  type: FieldType;
  options: string[];
  required: boolean;
  allowForAi: boolean;
  helpText: string;
}

interface CustomFieldDialogProps {
  agentId: string;
  /** The field being edited, or null to create one. */
  field: CustomField | null;
  opened: boolean;
  onClose: () => void;
}

export function CustomFieldDialog({ agentId, field, opened, onClose }: CustomFieldDialogProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={field ? `Edit ${field.label}` : 'New custom field'}
      size="lg"
    >
      {opened ? (
        <FieldForm key={field?.id ?? 'new'} agentId={agentId} field={field} onClose={onClose} />
      ) : null}
    </Modal>
  );
}

function toValues(field: CustomField | null): FieldValues {
  return {
    label: field?.label ?? '',
    key: field?.key ?? '',
    type: field?.type ?? 'text',
    options: field?.options ?? [],
    required: field?.required ?? false,
    allowForAi: field?.allowForAi ?? false,
    helpText: field?.helpText ?? '',
  };
}

function toBody(values: FieldValues) {
  const isSelect = SELECT_TYPES.includes(values.type);
  return {
    label: values.label,
    ...(values.key.trim() ? { key: values.key.trim() } : {}),
    type: values.type,
    options: isSelect ? values.options : [],
    required: values.required,
    allowForAi: values.allowForAi,
    helpText: values.helpText.trim() || null,
  };
}

/** Only what changed; the key never changes once created. */
function toPatch(field: CustomField, values: FieldValues): CustomFieldPatch {
  const { key: _key, ...body } = toBody(values);
  const patch: CustomFieldPatch = {};
  if (body.label.trim() !== field.label) patch.label = body.label.trim();
  if (body.type !== field.type) patch.type = body.type;
  if (JSON.stringify(body.options) !== JSON.stringify(field.options)) patch.options = body.options;
  if (body.required !== field.required) patch.required = body.required;
  if (body.allowForAi !== field.allowForAi) patch.allowForAi = body.allowForAi;
  if (body.helpText !== field.helpText) patch.helpText = body.helpText;
  return patch;
}

function FieldForm({
  agentId,
  field,
  onClose,
}: {
  agentId: string;
  field: CustomField | null;
  onClose: () => void;
}) {
  const isEditing = field !== null;
  const create = useCreateCustomField(agentId);
  const update = useUpdateCustomField(agentId);
  const [formError, setFormError] = useState<string | null>(null);
  // The key follows the label until someone types one of their own.
  const [isKeyEdited, setIsKeyEdited] = useState(isEditing);
  const validate = validateWith(CustomFieldCreateSchema);
  const form = useForm<FieldValues>({
    initialValues: toValues(field),
    validate: (values) => validate(toBody(values)),
  });
  const isSelect = SELECT_TYPES.includes(form.values.type);

  const handleSubmit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      if (field) {
        const patch = toPatch(field, values);
        if (Object.keys(patch).length > 0) {
          await update.mutateAsync({ fieldId: field.id, patch });
        }
        notifySuccess(`Saved ${values.label.trim()}`);
      } else {
        const created = await create.mutateAsync(CustomFieldCreateSchema.parse(toBody(values)));
        notifySuccess(`Created ${created.label}`);
      }
      onClose();
    } catch (error) {
      setFormError(applyServerErrors(form, error, FIELDS));
    }
  });

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack>
        <FormAlert message={formError} />
        <TextInput
          label="Label"
          withAsterisk
          data-autofocus
          maxLength={100}
          {...form.getInputProps('label')}
          onChange={(event) => {
            const label = event.currentTarget.value;
            form.setFieldValue('label', label);
            if (!isKeyEdited) form.setFieldValue('key', suggestKey(label));
          }}
        />
        <TextInput
          label="Key"
          description={
            isEditing
              ? 'Keys never change, so the API, CSV mappings and forms keep working.'
              : 'Names the value in the API, CSV files and forms. It cannot change later.'
          }
          readOnly={isEditing}
          maxLength={50}
          {...form.getInputProps('key')}
          onChange={(event) => {
            setIsKeyEdited(true);
            form.setFieldValue('key', event.currentTarget.value);
          }}
        />
        <Select
          label="Type"
          data={FIELD_TYPE_OPTIONS}
          allowDeselect={false}
          {...form.getInputProps('type')}
          onChange={(value) => {
            const parsed = FieldTypeSchema.safeParse(value);
            if (parsed.success) form.setFieldValue('type', parsed.data);
          }}
        />
        {isSelect ? (
          <TagsInput
            label="Options"
            description="Type an option and press Enter."
            withAsterisk
            clearable
            {...form.getInputProps('options')}
          />
        ) : null}
        <Textarea
          label="Help text"
          description="Shown under the input in forms and the contact page."
          autosize
          minRows={2}
          maxLength={500}
          {...form.getInputProps('helpText')}
        />
        <Switch label="Required" {...form.getInputProps('required', { type: 'checkbox' })} />
        <Switch
          label="Allow for AI"
          description="The agent may ask for this value in chat and save what it learns."
          {...form.getInputProps('allowForAi', { type: 'checkbox' })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {isEditing ? 'Save changes' : 'Create field'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
