import {
  FORM_BUILT_IN_TARGETS,
  FORM_CUSTOM_TARGETS,
  FORM_FIELD_TYPE_LABELS,
  isInputField,
  type CustomField,
  type FormField,
  type FormMapTo,
} from '@agent-crm/contracts';
import { Select, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';

interface FieldSettingsProps {
  field: FormField;
  fields: FormField[];
  customFields: CustomField[];
  readOnly: boolean;
  onChange: (patch: Partial<FormField>) => void;
}

const BUILT_IN_LABELS = { name: 'Name', email: 'Email', phone: 'Phone' } as const;

/** The contact fields this field may fill: compatible types, not already filled by another. */
export function mappingOptions(
  field: FormField,
  fields: FormField[],
  customFields: CustomField[],
): { value: string; label: string }[] {
  const taken = new Set(fields.filter((f) => f.id !== field.id).map((f) => f.mapTo));
  const options: { value: string; label: string }[] = [];
  for (const key of ['name', 'email', 'phone'] as const) {
    if (FORM_BUILT_IN_TARGETS[key].includes(field.type) && !taken.has(key)) {
      options.push({ value: key, label: `Contact: ${BUILT_IN_LABELS[key]}` });
    }
  }
  for (const custom of customFields) {
    const value = `field:${custom.key}` as const;
    if (FORM_CUSTOM_TARGETS[custom.type].includes(field.type) && !taken.has(value)) {
      options.push({ value, label: `Custom: ${custom.label}` });
    }
  }
  return options;
}

export function mapToLabel(mapTo: FormField['mapTo'], customFields: CustomField[]): string | null {
  if (!mapTo) return null;
  if (mapTo === 'name' || mapTo === 'email' || mapTo === 'phone') return BUILT_IN_LABELS[mapTo];
  const key = mapTo.slice('field:'.length);
  return customFields.find((field) => field.key === key)?.label ?? key;
}

const SUBMISSION_ONLY = '__submission__';

/** Label, help, placeholder, required, options and the contact field of the selected field. */
export function FieldSettings({
  field,
  fields,
  customFields,
  readOnly,
  onChange,
}: FieldSettingsProps) {
  const isInput = isInputField(field.type);
  const hasOptions = field.type === 'select' || field.type === 'multi_select';
  const hasPlaceholder = ['short_text', 'long_text', 'email', 'phone', 'number', 'select'].includes(
    field.type,
  );
  const canMap = isInput && field.type !== 'file';
  const mapping = mappingOptions(field, fields, customFields);
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {FORM_FIELD_TYPE_LABELS[field.type]} field
      </Text>
      {field.type === 'paragraph' ? (
        <Textarea
          label="Text"
          autosize
          minRows={3}
          value={field.label}
          disabled={readOnly}
          onChange={(event) => {
            onChange({ label: event.currentTarget.value });
          }}
        />
      ) : (
        <TextInput
          label={field.type === 'heading' ? 'Heading' : 'Label'}
          value={field.label}
          disabled={readOnly}
          onChange={(event) => {
            onChange({ label: event.currentTarget.value });
          }}
        />
      )}
      {field.type === 'paragraph' ? null : (
        <Textarea
          label={field.type === 'heading' ? 'Text below the heading' : 'Help text'}
          autosize
          minRows={1}
          value={field.helpText ?? ''}
          disabled={readOnly}
          onChange={(event) => {
            onChange({ helpText: event.currentTarget.value || undefined });
          }}
        />
      )}
      {hasPlaceholder ? (
        <TextInput
          label="Placeholder"
          value={field.placeholder ?? ''}
          disabled={readOnly}
          onChange={(event) => {
            onChange({ placeholder: event.currentTarget.value || undefined });
          }}
        />
      ) : null}
      {hasOptions ? (
        <Textarea
          label="Options"
          description="One per line"
          autosize
          minRows={3}
          value={(field.options ?? []).join('\n')}
          disabled={readOnly}
          onChange={(event) => {
            onChange({ options: event.currentTarget.value.split('\n') });
          }}
        />
      ) : null}
      {isInput ? (
        <Switch
          label={field.type === 'checkbox' ? 'Must be checked' : 'Required'}
          checked={field.required}
          disabled={readOnly}
          onChange={(event) => {
            onChange({ required: event.currentTarget.checked });
          }}
        />
      ) : null}
      {canMap ? (
        <Select
          label="Save the answer to"
          description="A contact field, or only on the submission"
          data={[{ value: SUBMISSION_ONLY, label: 'The submission only' }, ...mapping]}
          value={field.mapTo ?? SUBMISSION_ONLY}
          allowDeselect={false}
          disabled={readOnly}
          onChange={(value) => {
            onChange({
              mapTo: value && value !== SUBMISSION_ONLY ? (value as FormMapTo) : undefined,
            });
          }}
        />
      ) : null}
      {field.type === 'file' ? (
        <Text size="xs" c="dimmed">
          Uploads are saved to the contact&apos;s Files (images, PDF, office documents, plain text),
          so the form needs an email or phone question mapped to the contact.
        </Text>
      ) : null}
    </Stack>
  );
}
