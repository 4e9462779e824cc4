import type { FormField } from '@agent-crm/contracts';
import {
  Button,
  Checkbox,
  FileInput,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';

interface FormPreviewProps {
  title: string;
  description: string;
  submitLabel: string;
  fields: FormField[];
}

function PreviewField({ field }: { field: FormField }) {
  const common = {
    label: field.label,
    description: field.helpText,
    withAsterisk: field.required,
    placeholder: field.placeholder,
  };
  switch (field.type) {
    case 'heading':
      return (
        <Stack gap={2}>
          <Title order={4}>{field.label}</Title>
          {field.helpText ? <Text c="dimmed">{field.helpText}</Text> : null}
        </Stack>
      );
    case 'paragraph':
      return <Text style={{ whiteSpace: 'pre-line' }}>{field.label}</Text>;
    case 'short_text':
      return <TextInput {...common} />;
    case 'email':
      return <TextInput {...common} type="email" />;
    case 'phone':
      return <TextInput {...common} type="tel" />;
    case 'number':
      return <TextInput {...common} type="number" />;
    case 'date':
      return <TextInput {...common} type="date" />;
    case 'long_text':
      return <Textarea {...common} minRows={3} autosize />;
    case 'select':
      return <Select {...common} data={field.options?.filter(Boolean) ?? []} clearable />;
    case 'multi_select':
      return (
        <Checkbox.Group
          label={field.label}
          description={field.helpText}
          withAsterisk={field.required}
        >
          <Stack gap={4} mt={4}>
            {(field.options ?? []).filter(Boolean).map((option) => (
              <Checkbox key={option} value={option} label={option} />
            ))}
          </Stack>
        </Checkbox.Group>
      );
    case 'checkbox':
      return <Checkbox label={field.label} description={field.helpText} />;
    case 'file':
      return <FileInput {...common} multiple clearable />;
  }
}

/** How visitors will see the form, updated as it is edited. */
export function FormPreview({ title, description, submitLabel, fields }: FormPreviewProps) {
  return (
    <Paper withBorder p="lg" radius="md" aria-label="Preview">
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={3}>{title || 'Untitled form'}</Title>
          {description ? (
            <Text c="dimmed" style={{ whiteSpace: 'pre-line' }}>
              {description}
            </Text>
          ) : null}
        </Stack>
        {fields.map((field) => (
          <PreviewField key={field.id} field={field} />
        ))}
        <div>
          <Button type="button">{submitLabel || 'Submit'}</Button>
        </div>
      </Stack>
    </Paper>
  );
}
