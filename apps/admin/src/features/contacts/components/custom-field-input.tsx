import '@mantine/dates/styles.css';
import type { CustomField } from '@agent-crm/contracts';
import { MultiSelect, NumberInput, Select, Switch, TextInput, Textarea } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import type { ReactNode } from 'react';
import type { FieldFormValue } from './field-values';

interface CustomFieldInputProps {
  field: CustomField;
  value: FieldFormValue;
  error?: ReactNode;
  disabled?: boolean;
  onChange: (value: FieldFormValue) => void;
}

/** One custom field's input, chosen by its type; required fields carry the asterisk. */
export function CustomFieldInput({
  field,
  value,
  error,
  disabled,
  onChange,
}: CustomFieldInputProps) {
  const common = {
    label: field.label,
    description: field.helpText ?? undefined,
    withAsterisk: field.required,
    error,
    disabled,
  };
  switch (field.type) {
    case 'text':
    case 'email':
    case 'phone':
    case 'url':
      return (
        <TextInput
          {...common}
          type={field.type === 'text' ? 'text' : field.type === 'phone' ? 'tel' : field.type}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => {
            onChange(event.currentTarget.value);
          }}
        />
      );
    case 'long_text':
      return (
        <Textarea
          {...common}
          autosize
          minRows={2}
          maxRows={8}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => {
            onChange(event.currentTarget.value);
          }}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' || typeof value === 'string' ? value : ''}
          onChange={(next) => {
            onChange(next);
          }}
        />
      );
    case 'date':
      return (
        <DateInput
          {...common}
          clearable
          valueFormat="D MMM YYYY"
          value={typeof value === 'string' ? value : null}
          onChange={(next) => {
            onChange(next);
          }}
        />
      );
    case 'boolean':
      return (
        <Switch
          label={field.label}
          description={field.helpText ?? undefined}
          error={error}
          disabled={disabled}
          checked={value === true}
          onChange={(event) => {
            onChange(event.currentTarget.checked);
          }}
        />
      );
    case 'select':
      return (
        <Select
          {...common}
          clearable
          data={field.options}
          value={typeof value === 'string' ? value : null}
          onChange={(next) => {
            onChange(next);
          }}
        />
      );
    case 'multi_select':
      return (
        <MultiSelect
          {...common}
          clearable
          data={field.options}
          value={Array.isArray(value) ? value : []}
          onChange={(next) => {
            onChange(next);
          }}
        />
      );
  }
}
